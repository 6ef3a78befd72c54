/**
 * Live state: what the running daemon shows about itself (issue 5, "Live state").
 *
 * <ul>
 *   <li>{@link dev.vigil.daemon.status.StatusSnapshot} is the model every view renders; subsystems contribute to it by
 *       implementing {@link dev.vigil.daemon.status.StatusSource} as a bean (VRRP:
 *       {@link dev.vigil.daemon.status.VrrpStatusSource}; the checker/IPVS side returns its virtual and real servers
 *       the same way).</li>
 *   <li>The status socket ({@code vigil.status.socket}, default {@code /run/vigil/vigil.sock}, mode 0660): connect,
 *       send one line, read the answer until the daemon closes. {@code status} is the table {@code vigil status}
 *       prints, {@code status json} the JSON document of {@code vigil status --json}, {@code stats} keepalived's
 *       statistics text. An answer starting with {@code error: } reports a bad request. For scripts without Vigil:
 *       {@code echo 'status json' | socat - UNIX-CONNECT:/run/vigil/vigil.sock}.</li>
 *   <li>SIGUSR1 writes {@code keepalived.data}, SIGUSR2 {@code keepalived.stats}, in $TMPDIR when absolute, else
 *       /tmp, mode 0600, in keepalived 2.2.7's layout.</li>
 *   <li>{@code vigil.metrics.enabled = true} serves Prometheus text on {@code http://host:port/metrics} (loopback
 *       by default): {@code vigil_build_info}, {@code vigil_vrrp_instance_state{instance,state}} (0/1),
 *       {@code vigil_vrrp_instance_base_priority}, {@code vigil_vrrp_instance_effective_priority},
 *       {@code vigil_vrrp_instance_vips_set}, {@code vigil_vrrp_adverts_received_total},
 *       {@code vigil_vrrp_adverts_sent_total}, {@code vigil_vrrp_became_master_total},
 *       {@code vigil_vrrp_released_master_total}, {@code vigil_vrrp_priority_zero_received_total},
 *       {@code vigil_vrrp_priority_zero_sent_total}, {@code vigil_vrrp_advert_errors_total{instance,reason}},
 *       {@code vigil_virtual_server_quorum_up}, {@code vigil_real_server_up}, {@code vigil_start_time_seconds}.</li>
 * </ul>
 */
package dev.vigil.daemon.status;
