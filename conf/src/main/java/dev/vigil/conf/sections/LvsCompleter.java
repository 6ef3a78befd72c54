package dev.vigil.conf.sections;

import dev.vigil.conf.SourcePos;
import dev.vigil.conf.model.Addresses;
import dev.vigil.conf.model.Defaults;
import dev.vigil.conf.model.ForwardingMethod;
import dev.vigil.conf.model.SorryServer;
import dev.vigil.conf.model.VirtualServerAddress;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VirtualServerGroupEntry;
import dev.vigil.conf.parse.Reporter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * keepalived's virtual-server completion (check/check_data.c {@code validate_check_config()} and
 * check/ipwrapper.c {@code link_vsg_to_vs()}): protocol, scheduler and forwarding-method defaults (each with its
 * warning), duplicate real servers, quorum/hysteresis bounds and port consistency. Messages and the
 * {@code [addr]:proto:port} formatting are keepalived's.
 */
final class LvsCompleter {
    private final Reporter reporter;

    LvsCompleter(Reporter reporter) {
        this.reporter = reporter;
    }

    /** Completes {@code d} in place; false when keepalived would drop the virtual server. */
    boolean complete(LvsParser.VsDraft d, Map<String, VirtualServerGroup> groups) {
        SourcePos pos = d.node.arg(0) != null ? d.node.arg(0).pos() : d.node.pos();
        VirtualServerGroup group = null;
        if (d.address instanceof VirtualServerAddress.Group g) {
            group = groups.get(g.name());
            if (group == null) {
                reporter.info(pos, g.name(), "Virtual server group " + g.name() + " specified but not configured"
                        + " - ignoring virtual server " + vs(d));
                return false;
            }
        }
        if (d.realServers.isEmpty()) {
            error(pos, "Virtual server " + vs(d) + " has no real servers - ignoring");
            return false;
        }
        boolean fwmarkOnly = d.address instanceof VirtualServerAddress.Fwmark
                || group != null && fwmarks(group) == group.entries().size();
        boolean hasFwmark = d.address instanceof VirtualServerAddress.Fwmark
                || group != null && fwmarks(group) > 0;
        if (d.haSuspend && hasFwmark) {
            error(pos, "Virtual server " + vs(d) + ": cannot use ha_suspend with fwmarks - clearing ha_suspend");
            d.haSuspend = false;
        }
        boolean addressed = group != null ? !fwmarkOnly : d.address instanceof VirtualServerAddress.IpPort;
        if (addressed) {
            if (d.protocol == null) {
                error(pos, "Virtual server " + vs(d) + ": no protocol set - defaulting to UDP");
                d.protocol = "UDP";
            }
            if (d.flags.contains("ops") && !d.protocol.equals("UDP")) {
                error(pos, "Virtual server " + vs(d) + ": one packet scheduling requires UDP - resetting");
                d.flags.remove("ops");
            }
            if (d.persistence == null && d.address instanceof VirtualServerAddress.IpPort ip && ip.port() == 0) {
                error(pos, "Virtual server " + vs(d) + ": zero port only valid for persistent services - setting");
                d.persistence = Defaults.PERSISTENCE_TIMEOUT;
            }
        }
        if (d.persistence == null && group != null
                && hasZeroPort(group)) {
            error(pos, "Virtual server " + vs(d) + ": zero port only valid for persistent services - setting");
            d.persistence = Defaults.PERSISTENCE_TIMEOUT;
        }
        if (d.protocol != null && fwmarkOnly) {
            error(pos, "Warning: Virtual server " + vs(d) + ": protocol specified for fwmark - protocol will be ignored");
            d.protocol = null;
        }
        if (d.scheduler == null) {
            error(pos, "Virtual server " + vs(d) + ": no scheduler set, setting default '" + Defaults.SCHEDULER + "'");
            d.scheduler = Defaults.SCHEDULER;
        }

        int weightSum = 0;
        List<LvsParser.RsDraft> kept = new ArrayList<>();
        for (Iterator<LvsParser.RsDraft> it = d.realServers.iterator(); it.hasNext(); ) {
            LvsParser.RsDraft rs = it.next();
            SourcePos rsPos = rs.node.arg(0) != null ? rs.node.arg(0).pos() : rs.node.pos();
            if (sameServer(kept, rs)) {
                error(rsPos, "VS " + vs(d) + ": real server " + rs(d, rs.address, rs.port)
                        + " is duplicated - removing second rs");
                it.remove();
                continue;
            }
            kept.add(rs);
            if (rs.method == null) {
                defaultMethod(d, pos);
                rs.method = d.method;
                rs.tunnel = d.tunnel;
            }
            if (rs.weight == null) {
                rs.weight = d.weight;
            }
            weightSum += rs.weight;
        }
        if (d.sorry != null && d.sorryMethod == null) {
            defaultMethod(d, pos);
            d.sorryMethod = d.method;
        }
        if (d.quorum > weightSum) {
            error(pos, "Warning - quorum " + d.quorum + " for " + vs(d) + " exceeds total weight of real servers "
                    + weightSum + ", reducing quorum to " + weightSum);
            d.quorum = weightSum;
        }
        if (d.hysteresis >= d.quorum) {
            int h = Math.max(0, d.quorum - 1);
            error(pos, "Virtual server " + vs(d) + ": hysteresis " + d.hysteresis + " >= quorum " + d.quorum
                    + "; setting hysteresis to " + (d.quorum - 1));
            d.hysteresis = h;
        }
        checkPorts(d, group, pos);
        return true;
    }

    private void defaultMethod(LvsParser.VsDraft d, SourcePos pos) {
        if (d.method == null) {
            error(pos, "Virtual server " + vs(d) + ": no forwarding method set, setting default NAT");
            d.method = ForwardingMethod.NAT;
        }
    }

    /** Unless NAT, real (and sorry) servers must use the virtual server's port, or none with fwmarks. */
    private void checkPorts(LvsParser.VsDraft d, VirtualServerGroup group, SourcePos pos) {
        SorryServer sorry = d.sorry;
        boolean sorryNat = d.sorryMethod == ForwardingMethod.NAT;
        if (group != null) {
            if (fwmarks(group) > 0) {
                for (LvsParser.RsDraft rs : d.realServers) {
                    if (rs.method != ForwardingMethod.NAT && rs.port != 0) {
                        error(pos, "WARNING - fwmark virtual server " + vs(d) + ", real server "
                                + rs(d, rs.address, rs.port) + " has port specified - port will be ignored");
                    }
                }
                if (sorry != null && !sorryNat && sorry.port() != 0) {
                    error(pos, "WARNING - fwmark virtual server " + vs(d)
                            + ", sorry server has port specified - port will be ignored");
                }
            }
            for (VirtualServerGroupEntry e : group.entries()) {
                if (e.isFwmark()) {
                    continue;
                }
                for (LvsParser.RsDraft rs : d.realServers) {
                    if (rs.method != ForwardingMethod.NAT && rs.port != 0 && rs.port != e.port()) {
                        error(pos, "virtual server " + vs(d) + ":[" + vsge(e) + "] and real server "
                                + rs(d, rs.address, rs.port) + " ports don't match");
                    }
                }
                if (sorry != null && !sorryNat && sorry.port() != 0 && sorry.port() != e.port()) {
                    error(pos, "WARNING - virtual server " + vs(d)
                            + ", sorry server has port specified - port will be ignored");
                }
            }
            return;
        }
        boolean fwmark = d.address instanceof VirtualServerAddress.Fwmark;
        int vsPort = d.address instanceof VirtualServerAddress.IpPort ip ? ip.port() : 0;
        for (LvsParser.RsDraft rs : d.realServers) {
            if (rs.method == ForwardingMethod.NAT) {
                if (!fwmark && rs.port == 0) {
                    rs.port = vsPort;
                }
                continue;
            }
            if (fwmark) {
                if (rs.port != 0) {
                    error(pos, "WARNING - fwmark virtual server " + vs(d) + ", real server "
                            + rs(d, rs.address, rs.port) + " has port specified - clearing");
                    rs.port = 0;
                }
            } else if (rs.port == 0) {
                rs.port = vsPort;
            } else if (rs.port != vsPort) {
                error(pos, "WARNING - virtual server " + vs(d) + " and real server " + rs(d, rs.address, rs.port)
                        + " ports don't match - resetting");
                rs.port = vsPort;
            }
        }
        if (sorry != null && !sorryNat) {
            int port = sorry.port();
            if (fwmark && port != 0) {
                error(pos, "WARNING - virtual server " + vs(d) + ", sorry server has port specified - clearing");
                port = 0;
            } else if (!fwmark && port == 0) {
                port = vsPort;
            } else if (!fwmark && port != vsPort) {
                error(pos, "WARNING - virtual server " + vs(d) + " and sorry server ports don't match - resetting");
                port = vsPort;
            }
            d.sorry = new SorryServer(sorry.address(), port, sorry.method(), sorry.inhibit());
        }
    }

    private void error(SourcePos pos, String message) {
        reporter.error(pos, "virtual_server", message);
    }

    /** keepalived's FMT_VS: {@code [addr]:proto:port}, {@code FWM n} or {@code [group]:0}. */
    /** How many of the group's entries are fwmarks. */
    private static int fwmarks(VirtualServerGroup group) {
        int n = 0;
        for (VirtualServerGroupEntry e : group.entries()) {
            n += e.isFwmark() ? 1 : 0;
        }
        return n;
    }

    /** Whether the group has an address entry without a port. */
    private static boolean hasZeroPort(VirtualServerGroup group) {
        for (VirtualServerGroupEntry e : group.entries()) {
            if (!e.isFwmark() && e.port() == 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code kept} already has a real server at {@code rs}'s address and port. */
    private static boolean sameServer(List<LvsParser.RsDraft> kept, LvsParser.RsDraft rs) {
        for (LvsParser.RsDraft k : kept) {
            if (k.address.equals(rs.address) && k.port == rs.port) {
                return true;
            }
        }
        return false;
    }

    static String vs(LvsParser.VsDraft d) {
        if (d.address instanceof VirtualServerAddress.Group g) {
            return "[" + g.name() + "]:0";
        }
        if (d.address instanceof VirtualServerAddress.Fwmark f) {
            return "FWM " + f.mark();
        }
        VirtualServerAddress.IpPort ip = (VirtualServerAddress.IpPort) d.address;
        return trio(ip.address(), d.protocol, ip.port());
    }

    private static String rs(LvsParser.VsDraft d, InetAddress a, int port) {
        return trio(a, d.protocol, port);
    }

    private static String trio(InetAddress a, String protocol, int port) {
        String proto = protocol == null ? "none" : protocol.toLowerCase(java.util.Locale.ROOT);
        return "[" + Addresses.format(a) + "]:" + proto + ":" + port;
    }

    private static String vsge(VirtualServerGroupEntry e) {
        String first = Addresses.format(e.first());
        if (!e.first().equals(e.last())) {
            return first + "-" + Addresses.format(e.last()) + "," + e.port();
        }
        return first + "," + e.port();
    }
}
