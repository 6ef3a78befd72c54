package dev.vigil.daemon.status;

import dev.vigil.vrrp.instance.VrrpState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A snapshot in the Prometheus text exposition format (version 0.0.4): build info, per-instance state (one 0/1 series
 * per state), priorities, advert counters (errors by reason), virtual server quorum and real server health.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Counters with a metric of their own; every other counter is an advert error, labelled by reason. */
    private static final Map<String, String> OWN_METRIC = Map.of(
            "ADVERT_RECEIVED", "vigil_vrrp_adverts_received_total",
            "ADVERT_SENT", "vigil_vrrp_adverts_sent_total",
            "BECAME_MASTER", "vigil_vrrp_became_master_total",
            "RELEASED_MASTER", "vigil_vrrp_released_master_total",
            "PRIORITY_ZERO_RECEIVED", "vigil_vrrp_priority_zero_received_total",
            "PRIORITY_ZERO_SENT", "vigil_vrrp_priority_zero_sent_total");
    private static final String ERRORS = "vigil_vrrp_advert_errors_total";

    private final StringBuilder out = new StringBuilder();

    private PrometheusText() {
    }

    public static String render(StatusSnapshot s) {
        PrometheusText p = new PrometheusText();
        p.family("vigil_build_info", "gauge", "Vigil's version; always 1.");
        p.sample("vigil_build_info", labels("version", s.daemon().version()), 1);
        p.family("vigil_start_time_seconds", "gauge", "When the daemon started, in seconds since the epoch.");
        p.sample("vigil_start_time_seconds", "", s.daemon().started().getEpochSecond());
        p.instances(s.instances());
        p.servers(s.virtualServers());
        return p.out.toString();
    }

    private void instances(List<StatusSnapshot.Instance> instances) {
        if (instances.isEmpty()) {
            return;
        }
        family("vigil_vrrp_instance_state", "gauge", "1 for the VRRP instance's current state, 0 for the others.");
        for (StatusSnapshot.Instance i : instances) {
            for (VrrpState st : VrrpState.values()) {
                sample("vigil_vrrp_instance_state", labels("instance", i.name(), "state", st.name()),
                        st.name().equals(i.state()) ? 1 : 0);
            }
        }
        gauge(instances, "vigil_vrrp_instance_base_priority", "Configured priority.",
                StatusSnapshot.Instance::basePriority);
        gauge(instances, "vigil_vrrp_instance_effective_priority",
                "Priority after tracked interfaces, scripts and files.", StatusSnapshot.Instance::effectivePriority);
        gauge(instances, "vigil_vrrp_instance_vips_set", "1 when the instance's VIPs are installed on this host.",
                i -> i.vipsSet() ? 1 : 0);

        Map<String, StringBuilder> families = new LinkedHashMap<>();
        for (StatusSnapshot.Instance i : instances) {
            i.counters().forEach((name, value) -> {
                String metric = OWN_METRIC.getOrDefault(name, ERRORS);
                String labels = metric.equals(ERRORS)
                        ? labels("instance", i.name(), "reason", name.toLowerCase(Locale.ROOT))
                        : labels("instance", i.name());
                families.computeIfAbsent(metric, m -> new StringBuilder())
                        .append(metric).append(labels).append(' ').append(value).append('\n');
            });
        }
        families.forEach((metric, samples) -> {
            family(metric, "counter", metric.equals(ERRORS) ? "Adverts rejected, by reason."
                    : "keepalived's " + metric.substring("vigil_vrrp_".length(), metric.length() - 6)
                    .replace('_', ' ') + " counter.");
            out.append(samples);
        });
    }

    private void servers(List<StatusSnapshot.VirtualServer> servers) {
        if (servers.isEmpty()) {
            return;
        }
        virtualServerGauge(servers, "vigil_virtual_server_quorum_up",
                "1 while the virtual server has quorum (keepalived's state, hysteresis included).",
                v -> v.quorumUp() ? 1 : 0);
        virtualServerGauge(servers, "vigil_virtual_server_weight_sum", "Summed weight of the healthy real servers.",
                StatusSnapshot.VirtualServer::weightSum);
        virtualServerGauge(servers, "vigil_virtual_server_sorry_server_active",
                "1 while the sorry server stands in for the real servers.", v -> v.sorryServerActive() ? 1 : 0);
        virtualServerGauge(servers, "vigil_virtual_server_suspended",
                "1 while ha_suspend holds the checkers (the virtual address is not on this host).",
                v -> v.suspended() ? 1 : 0);
        family("vigil_real_server_up", "gauge", "1 when the real server passes its health checks.");
        for (StatusSnapshot.VirtualServer v : servers) {
            for (StatusSnapshot.RealServer r : v.realServers()) {
                sample("vigil_real_server_up", labels("virtual_server", v.address(), "protocol", v.protocol(),
                        "real_server", r.address() + ":" + r.port()), r.healthy() ? 1 : 0);
            }
        }
    }

    private void virtualServerGauge(List<StatusSnapshot.VirtualServer> servers, String metric, String help,
                                    java.util.function.ToLongFunction<StatusSnapshot.VirtualServer> value) {
        family(metric, "gauge", help);
        for (StatusSnapshot.VirtualServer v : servers) {
            sample(metric, labels("virtual_server", v.address(), "protocol", v.protocol()), value.applyAsLong(v));
        }
    }

    private void gauge(List<StatusSnapshot.Instance> instances, String metric, String help,
                       Function<StatusSnapshot.Instance, Integer> value) {
        family(metric, "gauge", help);
        for (StatusSnapshot.Instance i : instances) {
            sample(metric, labels("instance", i.name()), value.apply(i));
        }
    }

    private void family(String metric, String type, String help) {
        out.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
    }

    private void sample(String metric, String labels, long value) {
        out.append(metric).append(labels).append(' ').append(value).append('\n');
    }

    /** {@code {k="v",...}} with the format's escapes (backslash, double quote, newline). */
    static String labels(String... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            String v = kv[i + 1] == null ? "" : kv[i + 1];
            sb.append(kv[i]).append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        return sb.append('}').toString();
    }
}
