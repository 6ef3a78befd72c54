package dev.vigil.conf.sections;

import dev.vigil.conf.model.Cidr;
import dev.vigil.conf.model.IpAddressEntry;
import dev.vigil.conf.model.RouteEntry;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Token;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** ip(8)-style lines of address and route blocks (keepalived/vrrp/vrrp_ipaddress.c, vrrp_iproute.c). */
final class AddressParser {
    private final Ctx ctx;

    AddressParser(Ctx ctx) {
        this.ctx = ctx;
    }

    List<IpAddressEntry> addresses(Node block) {
        List<IpAddressEntry> out = new ArrayList<>();
        for (Node line : block.children()) {
            IpAddressEntry e = address(line.words());
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    IpAddressEntry address(List<Token> w) {
        Cidr cidr = ctx.values().cidr(w.get(0), "address");
        if (cidr == null) {
            return null;
        }
        String dev = null;
        String brd = null;
        String scope = null;
        String label = null;
        InetAddress peer = null;
        boolean noTrack = false;
        List<String> other = new ArrayList<>();
        for (int i = 1; i < w.size(); i++) {
            String opt = w.get(i).text();
            Token val = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (opt) {
                case "dev", "brd", "broadcast", "scope", "label", "peer", "preferred_lft", "track_group" -> {
                    if (val == null) {
                        ctx.reporter().error(w.get(i), "No value specified for " + opt + " in '" + w.get(0).text() + "'");
                        return null;
                    }
                    i++;
                    switch (opt) {
                        case "dev" -> dev = val.text();
                        case "brd", "broadcast" -> brd = val.text();
                        case "scope" -> scope = val.text();
                        case "label" -> label = val.text();
                        case "peer" -> peer = ctx.values().ip(val, "peer address");
                        default -> other.add(opt + " " + val.text());
                    }
                }
                case "no_track" -> noTrack = true;
                case "home", "-nodad", "nodad", "mngtmpaddr", "noprefixroute", "autojoin", "use_vmac" -> other.add(opt);
                default -> ctx.reporter().error(w.get(i), "Unknown configuration entry '" + opt + "' for ip address - ignoring");
            }
        }
        return new IpAddressEntry(cidr, dev, brd, scope, label, peer, noTrack, other);
    }

    /** Routes or rules of a block; {@code tracked} routes (virtual_routes) need a device to be tracked. */
    List<RouteEntry> routes(Node block, boolean rules, boolean tracked) {
        List<RouteEntry> out = new ArrayList<>();
        for (Node line : block.children()) {
            RouteEntry r = rules ? rule(line.words()) : route(line.words());
            if (r != null && tracked && !rules && !r.noTrack() && r.device() == null && r.destination() != null) {
                ctx.reporter().error(line.pos(), line.name(), "Warning - cannot track route " + r.destination()
                        + " with no interface specified, not tracking");
                r = new RouteEntry(r.type(), r.destination(), r.source(), r.via(), r.device(), r.table(), true,
                        r.words());
            }
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static final java.util.Set<String> ROUTE_TYPES = java.util.Set.of("unicast", "blackhole", "unreachable",
            "prohibit", "throw", "local", "broadcast", "multicast", "anycast", "nat");

    private RouteEntry route(List<Token> w) {
        int i = 0;
        String type = "unicast";
        if (ROUTE_TYPES.contains(w.get(0).text())) {
            type = w.get(0).text();
            i = 1;
        }
        Cidr dest = null;
        InetAddress src = null;
        InetAddress via = null;
        String dev = null;
        String table = null;
        boolean noTrack = false;
        List<String> words = texts(w);
        for (; i < w.size(); i++) {
            String opt = w.get(i).text();
            Token val = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (opt) {
                case "no_track" -> noTrack = true;
                case "onlink", "pervasive" -> { }
                case "src", "via", "gw", "dev", "oif", "table", "to", "metric", "preference", "priority", "scope",
                        "proto", "protocol", "realm", "mtu", "advmss", "tos", "dsfield", "or", "from", "nexthop",
                        "weight", "rtt", "rttvar", "reordering", "window", "cwnd", "ssthresh", "initcwnd",
                        "initrwnd", "features", "quickack", "congctl", "pref", "fastopen_no_cookie", "ttl-propagate",
                        "encap", "expires", "hoplimit", "rto_min", "track_group" -> {
                    if (val == null) {
                        ctx.reporter().error(w.get(i), "Missing value for route option '" + opt + "'");
                        return null;
                    }
                    i++;
                    switch (opt) {
                        case "src", "from" -> src = ctx.values().ip(val, "route source");
                        case "via", "gw" -> via = ctx.values().ip(val, "route gateway");
                        case "dev", "oif" -> {
                            if (!ctx.interfaces().check(val.text(), val.pos(), "WARNING - interface " + val.text()
                                    + " for VROUTE nexthop doesn't exist")) {
                                return null;
                            }
                            dev = val.text();
                        }
                        case "table" -> table = val.text();
                        case "to" -> dest = ctx.values().cidr(val, "route destination");
                        default -> { }
                    }
                }
                default -> {
                    if (dest == null) {
                        dest = opt.equals("default") ? null : ctx.values().cidr(w.get(i), "route destination");
                        if (opt.equals("default")) {
                            dest = new Cidr(Values.parseIp("0.0.0.0"), 0);
                        }
                    } else {
                        ctx.reporter().error(w.get(i), "Unknown route option '" + opt + "'");
                    }
                }
            }
        }
        return new RouteEntry(type, dest, src, via, dev, table, noTrack, words);
    }

    private RouteEntry rule(List<Token> w) {
        Cidr from = null;
        Cidr to = null;
        String table = null;
        String dev = null;
        boolean noTrack = false;
        for (int i = 0; i < w.size(); i++) {
            String opt = w.get(i).text();
            Token val = i + 1 < w.size() ? w.get(i + 1) : null;
            if (opt.equals("no_track")) {
                noTrack = true;
                continue;
            }
            if (val == null) {
                continue;
            }
            switch (opt) {
                case "from" -> from = opt.equals("all") ? null : (val.text().equals("all") ? null
                        : ctx.values().cidr(val, "rule source"));
                case "to" -> to = val.text().equals("all") ? null : ctx.values().cidr(val, "rule destination");
                case "table", "lookup" -> table = val.text();
                case "dev", "iif", "oif" -> {
                    if (!ctx.interfaces().check(val.text(), val.pos(), "WARNING - interface " + val.text()
                            + " for rule doesn't exist")) {
                        return null;
                    }
                    dev = val.text();
                }
                default -> { }
            }
            if (!opt.equals("not")) {
                i++;
            }
        }
        InetAddress src = from == null ? null : from.address();
        return new RouteEntry("rule", to, src, null, dev, table, noTrack, texts(w));
    }

    private static List<String> texts(List<Token> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(t.text());
        }
        return List.copyOf(out);
    }
}
