package dev.vigil.daemon.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The human form of {@code vigil status}: a header and aligned tables (instances, virtual servers, counters). */
public final class StatusTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private StatusTable() {
    }

    public static String render(StatusSnapshot s) {
        StringBuilder sb = new StringBuilder();
        StatusSnapshot.Daemon d = s.daemon();
        sb.append("Vigil ").append(d.version()).append(", pid ").append(d.pid()).append(", started ")
                .append(time(d.started())).append('\n');
        sb.append("Configuration: ").append(d.configFile()).append('\n');
        sb.append("Last reload: ")
                .append(d.lastReload() == null ? "none" : time(d.lastReload()) + ", " + d.lastReloadResult())
                .append("\n\n");

        sb.append("VRRP instances\n");
        TextTable instances = new TextTable("INSTANCE", "INTERFACE", "VRID", "STATE", "PRIORITY", "EFFECTIVE",
                "MASTER", "VIPS", "LAST TRANSITION", "REASON");
        for (StatusSnapshot.Instance i : s.instances()) {
            instances.row(i.name(), i.interfaceName(), i.vrid(), i.state(), i.basePriority(), i.effectivePriority(),
                    i.master(), vips(i), time(i.lastChange()), i.lastReason());
        }
        sb.append(instances.isEmpty() ? "  (none)\n" : instances.render()).append('\n');

        sb.append("Virtual servers\n");
        TextTable servers = new TextTable("VIRTUAL SERVER", "PROTOCOL", "SCHEDULER", "QUORUM", "REAL SERVER",
                "WEIGHT", "HEALTH", "SINCE", "REASON");
        for (StatusSnapshot.VirtualServer v : s.virtualServers()) {
            String quorum = v.quorum() + (v.quorumUp() ? " up" : " down") + " (sum " + v.weightSum() + ")"
                    + (v.sorryServerActive() ? ", sorry server" : "") + (v.suspended() ? ", suspended" : "");
            if (v.realServers().isEmpty()) {
                servers.row(v.address(), v.protocol(), v.scheduler(), quorum);
            }
            boolean first = true;
            for (StatusSnapshot.RealServer r : v.realServers()) {
                servers.row(first ? v.address() : "", first ? v.protocol() : "", first ? v.scheduler() : "",
                        first ? quorum : "", r.address() + ":" + r.port(), r.weight(), health(r),
                        time(r.lastChange()), r.lastReason());
                first = false;
            }
        }
        sb.append(servers.isEmpty() ? "  (none)\n" : servers.render());

        if (!s.instances().isEmpty()) {
            sb.append('\n').append("Counters\n").append(counters(s.instances()).render());
        }
        return sb.toString();
    }

    /** One row per counter, one column per instance. */
    private static TextTable counters(List<StatusSnapshot.Instance> instances) {
        List<String> header = new ArrayList<>(List.of("COUNTER"));
        Set<String> names = new LinkedHashSet<>();
        for (StatusSnapshot.Instance i : instances) {
            header.add(i.name());
            names.addAll(i.counters().keySet());
        }
        TextTable t = new TextTable(header.toArray(String[]::new));
        for (String name : names) {
            List<Object> row = new ArrayList<>(List.of(name.toLowerCase(Locale.ROOT).replace('_', ' ')));
            for (StatusSnapshot.Instance i : instances) {
                row.add(i.counters().get(name));
            }
            t.row(row.toArray());
        }
        return t;
    }

    /** UP or DOWN, and where IPVS differs from what that suggests (sorry server, inhibit_on_failure). */
    private static String health(StatusSnapshot.RealServer r) {
        if (r.healthy()) {
            return r.inTable() ? "UP" : "UP (not in IPVS)";
        }
        return r.inTable() ? "DOWN (weight 0)" : "DOWN";
    }

    private static String vips(StatusSnapshot.Instance i) {
        if (i.vips().isEmpty()) {
            return "-";
        }
        return String.join(",", i.vips()) + (i.vipsSet() ? " (set)" : " (not set)");
    }

    private static String time(Instant t) {
        return t == null ? null : TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
