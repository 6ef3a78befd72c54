package dev.vigil.conf.sections;

import java.util.Set;

/**
 * Every keyword keepalived 2.2.7 accepts, per block (from install_keyword() calls in lib/parser.c's callers:
 * core/global_parser.c, vrrp/vrrp_parser.c, check/check_parser.c, check/check_*.c, trackers/track_file.c,
 * bfd/bfd_parser.c). A keyword listed here without a handler in its section parser is "recognised but not
 * supported yet"; a keyword not listed here is unknown (keepalived: "Unknown keyword").
 */
public final class Keywords {
    private Keywords() {
    }

    public static final Set<String> TOP_LEVEL = Set.of(
            "global_defs", "linkbeat_use_polling", "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets",
            "use_pid_dir", "instance", "child_wait_time", "track_group", "static_ipaddress", "static_routes",
            "static_rules", "vrrp_sync_group", "garp_group", "linkbeat_interfaces", "vrrp_instance", "vrrp_script",
            "vrrp_track_process", "interface_up_down_delays", "track_file", "vrrp_track_file", "bfd_instance", "SSL",
            "virtual_server_group", "virtual_server");

    /** Keywords that always open a block, so a missing '{' can be reported where it is missing. */
    public static final Set<String> BLOCK_KEYWORDS = Set.of(
            "global_defs", "vrrp_instance", "vrrp_sync_group", "vrrp_script", "vrrp_track_process",
            "vrrp_track_file", "bfd_instance", "virtual_server", "virtual_server_group", "real_server", "SSL",
            "authentication", "virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes", "virtual_rules",
            "track_interface", "track_script", "track_bfd", "unicast_peer", "notification_email",
            "static_ipaddress", "static_routes", "static_rules", "garp_group", "linkbeat_interfaces", "track_group",
            "interface_up_down_delays", "TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK", "DNS_CHECK",
            "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK", "url");

    public static final Set<String> GLOBAL_DEFS = Set.of("process_names", "process_name", "vrrp_process_name",
            "checker_process_name", "lvs_process_name", "bfd_process_name", "router_id", "notification_email_from",
            "smtp_server", "smtp_helo_name", "smtp_connect_timeout", "notification_email", "smtp_alert",
            "startup_script", "startup_script_timeout", "shutdown_script", "shutdown_script_timeout",
            "max_auto_priority", "min_auto_priority_delay", "smtp_alert_vrrp", "smtp_alert_checker",
            "checker_log_all_failures", "dynamic_interfaces", "no_email_faults", "default_interface",
            "disable_local_igmp", "lvs_timeouts", "lvs_flush", "lvs_flush_on_stop", "lvs_flush_onstop",
            "lvs_sync_daemon", "vrrp_mcast_group4", "vrrp_mcast_group6", "vrrp_garp_master_delay",
            "vrrp_garp_master_repeat", "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat",
            "vrrp_garp_lower_prio_delay", "vrrp_garp_lower_prio_repeat", "vrrp_down_timer_adverts",
            "vrrp_garp_interval", "vrrp_gna_interval", "vrrp_min_garp", "vrrp_garp_extra_if", "vrrp_vmac_garp_intvl",
            "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert", "vrrp_version", "vrrp_iptables",
            "vrrp_ipsets", "nftables", "nftables_priority", "nftables_ifindex", "nftables_ipvs",
            "nftables_ipvs_priority", "nftables_ipvs_start_fwmark", "nftables_counters", "vrrp_check_unicast_src",
            "vrrp_skip_check_adv_addr", "vrrp_strict", "vrrp_priority", "vrrp_no_swap", "vrrp_rt_priority",
            "vrrp_cpu_affinity", "vrrp_rlimit_rttime", "vrrp_rlimit_rtime", "notify_fifo", "notify_fifo_script",
            "vrrp_notify_fifo", "vrrp_notify_fifo_script", "vrrp_notify_priority_changes",
            "fifo_write_vrrp_states_on_reload", "lvs_notify_fifo", "lvs_notify_fifo_script", "checker_priority",
            "checker_no_swap", "checker_rt_priority", "checker_cpu_affinity", "checker_rlimit_rttime",
            "checker_rlimit_rtime", "bfd_priority", "bfd_no_swap", "bfd_rt_priority", "bfd_cpu_affinity",
            "bfd_rlimit_rttime", "bfd_rlimit_rtime", "snmp_socket", "enable_traps", "enable_snmp_vrrp",
            "enable_snmp_keepalived", "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3",
            "enable_snmp_checker", "enable_dbus", "dbus_service_name", "script_user", "enable_script_security",
            "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
            "vrrp_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force",
            "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
            "lvs_netlink_monitor_rcv_bufs_force", "rs_init_notifies", "no_checker_emails", "vrrp_rx_bufs_policy",
            "vrrp_rx_bufs_multiplier", "vrrp_startup_delay", "log_unknown_vrids", "vmac_prefix", "vmac_addr_prefix",
            "umask", "random_seed", "reload_check_config", "reload_time_file", "reload_repeat", "reload_file",
            "include_check", "config_save_dir", "tmp_config_directory", "data_use_instance");

    public static final Set<String> VRRP_INSTANCE = Set.of("use_vmac", "use_vmac_addr", "vmac_xmit_base",
            "use_ipvlan", "unicast_peer", "unicast_fault_no_peer", "check_unicast_src", "old_unicast_checksum",
            "native_ipv6", "state", "interface", "vrf", "dont_track_primary", "track_interface", "track_script",
            "track_file", "track_process", "track_bfd", "mcast_src_ip", "unicast_src_ip", "mcast_dst_ip",
            "track_src_ip", "virtual_router_id", "unicast_ttl", "version", "priority", "advert_int",
            "virtual_ipaddress", "virtual_ipaddress_excluded", "promote_secondaries", "linkbeat_use_polling",
            "virtual_routes", "virtual_rules", "accept", "no_accept", "skip_check_adv_addr", "strict_mode",
            "preempt", "nopreempt", "preempt_delay", "debug", "notify_backup", "notify_master", "notify_fault",
            "notify_stop", "notify_deleted", "notify", "notify_master_rx_lower_pri", "smtp_alert",
            "notify_priority_changes", "lvs_sync_daemon_interface", "garp_master_delay", "garp_master_refresh",
            "garp_master_repeat", "garp_master_refresh_repeat", "garp_lower_prio_delay", "garp_lower_prio_repeat",
            "down_timer_adverts", "garp_extra_if", "vmac_garp_intvl", "lower_prio_no_advert",
            "higher_prio_send_advert", "kernel_rx_buf_size", "authentication");

    public static final Set<String> AUTHENTICATION = Set.of("auth_type", "auth_pass");

    public static final Set<String> VRRP_SYNC_GROUP = Set.of("group", "track_interface", "track_script",
            "track_file", "track_process", "track_bfd", "notify_backup", "notify_master", "notify_fault",
            "notify_stop", "notify", "smtp_alert", "global_tracking", "sync_group_tracking_weight",
            "notify_priority_changes");

    public static final Set<String> VRRP_SCRIPT = Set.of("script", "interval", "timeout", "weight", "rise", "fall",
            "user", "init_fail");

    public static final Set<String> VRRP_TRACK_PROCESS = Set.of("process", "param_match", "weight", "quorum",
            "quorum_max", "delay", "terminate_delay", "fork_delay", "full_command");

    public static final Set<String> TRACK_FILE = Set.of("file", "weight", "init_file");

    public static final Set<String> GARP_GROUP = Set.of("garp_interval", "gna_interval", "interface", "interfaces");

    public static final Set<String> TRACK_GROUP = Set.of("group");

    public static final Set<String> BFD_INSTANCE = Set.of("source_ip", "neighbor_ip", "neighbour_ip", "min_rx",
            "min_tx", "idle_tx", "multiplier", "passive", "ttl", "hoplimit", "max_hops", "weight", "vrrp", "checker");

    public static final Set<String> SSL = Set.of("password", "ca", "certificate", "key");

    public static final Set<String> VIRTUAL_SERVER = Set.of("ip_family", "retry", "delay_before_retry", "warmup",
            "connect_timeout", "delay_loop", "inhibit_on_failure", "lb_algo", "lvs_sched", "hashed", "ops", "flag-1",
            "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback", "lb_kind", "lvs_method",
            "persistence_engine", "persistence_timeout", "persistence_granularity", "protocol", "ha_suspend",
            "smtp_alert", "virtualhost", "snmp_name", "alpha", "omega", "quorum_up", "quorum_down", "quorum",
            "hysteresis", "weight", "sorry_server", "sorry_server_inhibit", "sorry_server_lvs_method",
            "TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK",
            "FILE_CHECK", "BFD_CHECK");

    public static final Set<String> REAL_SERVER = Set.of("weight", "lvs_method", "uthreshold", "lthreshold",
            "inhibit_on_failure", "notify_up", "notify_down", "alpha", "retry", "delay_before_retry", "warmup",
            "connect_timeout", "delay_loop", "smtp_alert", "virtualhost", "snmp_name",
            "TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK",
            "FILE_CHECK", "BFD_CHECK");

    /** Keywords of every connecting checker (check/check_api.c). */
    public static final Set<String> CHECKER_COMMON = Set.of("connect_ip", "connect_port", "bindto", "bind_port",
            "bind_if", "connect_timeout", "fwmark", "retry", "delay_before_retry", "warmup", "delay_loop", "alpha",
            "log_all_failures");

    public static final Set<String> HTTP_GET = Set.of("nb_get_retry", "virtualhost", "http_protocol", "enable_sni",
            "fast_recovery", "url");

    public static final Set<String> URL = Set.of("path", "digest", "status_code", "virtualhost", "regex",
            "regex_no_match", "regex_options", "regex_min_offset", "regex_max_offset", "regex_stack");

    public static final Set<String> MISC_CHECK = Set.of("misc_path", "misc_timeout", "misc_dynamic", "user",
            "warmup", "delay_loop", "retry", "delay_before_retry", "alpha", "log_all_failures");

    public static final Set<String> SMTP_CHECK = Set.of("helo_name", "host");

    public static final Set<String> DNS_CHECK = Set.of("type", "name");

    public static final Set<String> UDP_CHECK = Set.of("payload", "require_reply", "min_reply_length",
            "max_reply_length");

    public static final Set<String> FILE_CHECK = Set.of("track_file", "weight", "dynamic", "delay_loop", "warmup",
            "alpha");

    public static final Set<String> BFD_CHECK = Set.of("name", "alpha");
}
