package dev.vigil.ipvs.format;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsInfo;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsSnapshot;
import dev.vigil.ipvs.model.IpvsStats;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceFlags;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prints IPVS state exactly as {@code ipvsadm} 1.31 does: {@code -Ln} (services and destinations, numeric),
 * {@code -Ln --stats}, {@code -L --timeout} and {@code -L --daemon}. Used by {@code vigil ipvs list}.
 */
public final class IpvsTableFormatter {
    private IpvsTableFormatter() {
    }

    /** The output of {@code ipvsadm -Ln}, sorted as ipvsadm sorts. */
    public static String list(IpvsInfo info, IpvsSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        out.append("IP Virtual Server version ").append(info.versionText()).append(" (size=")
                .append(info.connTableSize()).append(")\n");
        out.append("Prot LocalAddress:Port Scheduler Flags\n");
        out.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        for (IpvsSnapshot.Service s : sorted(snapshot.services(), IpvsTableFormatter::compareServices)) {
            out.append(serviceLine(s.service())).append('\n');
            for (IpvsSnapshot.Dest d : sorted(s.dests(), IpvsTableFormatter::compareDests)) {
                IpvsDest dest = d.dest();
                out.append(String.format("  -> %-28s %-7s %-6d %-10d %-10d\n", destName(dest),
                        dest.forward().ipvsadmName(), dest.weight(), Integer.toUnsignedLong(d.activeConns()),
                        Integer.toUnsignedLong(d.inactiveConns())));
            }
        }
        return out.toString();
    }

    /** The output of {@code ipvsadm -Ln --stats}: totals since the counters were last zeroed. */
    public static String listStats(IpvsInfo info, IpvsSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        out.append("IP Virtual Server version ").append(info.versionText()).append(" (size=")
                .append(info.connTableSize()).append(")\n");
        out.append(String.format("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n", "Prot LocalAddress:Port",
                "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"));
        for (IpvsSnapshot.Service s : sorted(snapshot.services(), IpvsTableFormatter::compareServices)) {
            out.append(String.format("%-33s", serviceName(s.service().key()))).append(counters(s.stats())).append('\n');
            for (IpvsSnapshot.Dest d : sorted(s.dests(), IpvsTableFormatter::compareDests)) {
                out.append(String.format("  -> %-28s", destName(d.dest()))).append(counters(d.stats())).append('\n');
            }
        }
        return out.toString();
    }

    private static String counters(IpvsStats st) {
        return largeNumber(st.conns()) + largeNumber(st.inPackets()) + largeNumber(st.outPackets())
                + largeNumber(st.inBytes()) + largeNumber(st.outBytes());
    }

    /** ipvsadm's print_largenum: 9 columns, scaled to K/M/G/T past 100 million. */
    static String largeNumber(long n) {
        if (Long.compareUnsigned(n, 100_000_000L) < 0) {
            return String.format("%9d", n);
        }
        String[] units = {"K", "M", "G", "T"};
        long[] limits = {1_000_000_000L, 100_000_000_000L, 100_000_000_000_000L};
        long[] divisors = {1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000L};
        int i = 0;
        while (i < limits.length && Long.compareUnsigned(n, limits[i]) >= 0) {
            i++;
        }
        return String.format("%8s", Long.toUnsignedString(Long.divideUnsigned(n, divisors[i]))) + units[i];
    }

    /** The output of {@code ipvsadm -L --timeout}. */
    public static String timeouts(IpvsTimeouts t) {
        return "Timeout (tcp tcpfin udp): " + t.tcp() + " " + t.tcpFin() + " " + t.udp() + "\n";
    }

    /** The output of {@code ipvsadm -L --daemon}: master first, then backup, as the kernel reports them. */
    public static String daemons(List<SyncDaemonConfig> daemons) {
        StringBuilder out = new StringBuilder();
        for (SyncDaemonConfig d : daemons) {
            out.append(d.state().lowerName()).append(" sync daemon (mcast=").append(d.mcastIfn()).append(", syncid=")
                    .append(d.syncId());
            if (d.maxLen() != 0) {
                out.append(", maxlen=").append(d.maxLen());
            }
            if (d.group() != null) {
                out.append(", group=").append(Addresses.text(d.group()));
            }
            if (d.port() != 0) {
                out.append(", port=").append(d.port());
            }
            if (d.ttl() != 0) {
                out.append(", ttl=").append(d.ttl());
            }
            out.append(")\n");
        }
        return out.toString();
    }

    /** ipvsadm's svc_name: "TCP  10.0.0.1:80" (IPv4 cut at 33 characters), "FWM  7", "FWM  7 IPv6". */
    private static String serviceName(ServiceKey key) {
        if (key.isFwmark()) {
            String mark = "FWM  " + Integer.toUnsignedString(key.fwmark());
            return key.family() == ServiceKey.AF_INET6 ? mark + " IPv6" : mark;
        }
        String name = String.format("%-4s %s", key.protocol().name(), addrPort(key.address(), key.port()));
        return key.family() == ServiceKey.AF_INET6 ? name : truncate(name, 33);
    }

    static String serviceLine(IpvsService s) {
        ServiceKey key = s.key();
        StringBuilder line = new StringBuilder(serviceName(key));
        line.append(' ').append(s.scheduler());
        int schedFlags = s.flags() & (ServiceFlags.SCHED1 | ServiceFlags.SCHED2 | ServiceFlags.SCHED3);
        if (schedFlags != 0) {
            line.append(" (").append(schedFlagNames(s.scheduler(), s.flags())).append(')');
        }
        if (s.persistent()) {
            line.append(" persistent ").append(Integer.toUnsignedString(s.timeout()));
            if (s.granularity() != IpvsService.fullPrefix(key.family())) {
                line.append(" mask ").append(key.family() == ServiceKey.AF_INET6
                        ? Integer.toString(s.granularity()) : ipv4Mask(s.granularity()));
            }
            if (!s.peName().isEmpty()) {
                line.append(" pe ").append(s.peName());
            }
        }
        if ((s.flags() & ServiceFlags.ONEPACKET) != 0) {
            line.append(" ops");
        }
        return line.toString();
    }

    private static String schedFlagNames(String scheduler, int flags) {
        List<String> names = new ArrayList<>();
        if (scheduler.equals("sh") || scheduler.equals("mh")) {
            if ((flags & ServiceFlags.SCHED1) != 0) {
                names.add(scheduler + "-fallback");
            }
            if ((flags & ServiceFlags.SCHED2) != 0) {
                names.add(scheduler + "-port");
            }
        } else {
            if ((flags & ServiceFlags.SCHED1) != 0) {
                names.add("flag-1");
            }
            if ((flags & ServiceFlags.SCHED2) != 0) {
                names.add("flag-2");
            }
            if ((flags & ServiceFlags.SCHED3) != 0) {
                names.add("flag-3");
            }
        }
        return String.join(",", names);
    }

    private static String destName(IpvsDest d) {
        String name = addrPort(d.address(), d.port());
        return d.family() == ServiceKey.AF_INET6 ? name : truncate(name, 28);
    }

    private static String addrPort(InetAddress a, int port) {
        return ServiceKey.familyOf(a) == ServiceKey.AF_INET6 ? "[" + Addresses.text(a) + "]:" + port
                : Addresses.text(a) + ":" + port;
    }

    private static String ipv4Mask(int prefix) {
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return ((mask >> 24) & 0xff) + "." + ((mask >> 16) & 0xff) + "." + ((mask >> 8) & 0xff) + "." + (mask & 0xff);
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /**
     * libipvs's ipvs_cmp_services: fwmark, family, protocol, address, port. The address and fwmark differences are
     * computed in 32-bit arithmetic as in C (so they wrap for far-apart addresses, as ipvsadm's order does).
     */
    static int compareServices(IpvsSnapshot.Service a, IpvsSnapshot.Service b) {
        ServiceKey x = a.service().key();
        ServiceKey y = b.service().key();
        int r = x.fwmark() - y.fwmark();
        if (r == 0) {
            r = x.family() - y.family();
        }
        if (r == 0) {
            r = protocolNumber(x) - protocolNumber(y);
        }
        if (r == 0) {
            r = compareAddresses(x.address(), y.address());
        }
        return r != 0 ? r : x.port() - y.port();
    }

    /** libipvs's ipvs_cmp_dests: address (32-bit wrapping words), then port. */
    static int compareDests(IpvsSnapshot.Dest a, IpvsSnapshot.Dest b) {
        int r = compareAddresses(a.dest().address(), b.dest().address());
        return r != 0 ? r : a.dest().port() - b.dest().port();
    }

    private static int protocolNumber(ServiceKey k) {
        return k.protocol() == null ? 0 : k.protocol().number();
    }

    private static int compareAddresses(InetAddress a, InetAddress b) {
        if (a == null || b == null) {
            return 0;
        }
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        int words = Math.min(x.length, y.length) / 4;
        int r = 0;
        for (int i = 0; r == 0 && i < words; i++) {
            r = word(x, i) - word(y, i);
        }
        return r;
    }

    private static int word(byte[] b, int i) {
        return ((b[4 * i] & 0xff) << 24) | ((b[4 * i + 1] & 0xff) << 16) | ((b[4 * i + 2] & 0xff) << 8)
                | (b[4 * i + 3] & 0xff);
    }

    /** Sorts with ipvsadm's comparator; if its wrapping arithmetic breaks transitivity, falls back to input order. */
    private static <T> List<T> sorted(List<T> items, Comparator<T> ipvsadmOrder) {
        List<T> copy = new ArrayList<>(items);
        try {
            copy.sort(ipvsadmOrder);
        } catch (IllegalArgumentException contractViolation) {
            return new ArrayList<>(items);
        }
        return copy;
    }
}
