package dev.vigil.conf.sections;

import static dev.vigil.conf.sections.GlobalDefsParser.set;

import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.ForwardingMethod;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.SorryServer;
import dev.vigil.conf.model.SslConfig;
import dev.vigil.conf.model.Tunnel;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerAddress;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VirtualServerGroupEntry;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Token;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** SSL, virtual_server_group, virtual_server and real_server (check/check_parser.c, check/check_data.c). */
final class LvsParser {
    static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf",
            "lblcr", "sed", "nq", "twos");

    /** Settings a virtual server passes down to its real servers and their checkers. */
    static final class VsDraft {
        Node node;
        Set<String> trackFilesDefined = Set.of();
        VirtualServerAddress address;
        String protocol;
        Duration delayLoop;
        String scheduler;
        List<String> flags = new ArrayList<>();
        ForwardingMethod method;
        Tunnel tunnel;
        int weight = 1;
        Duration persistence;
        InetAddress granularity;
        String engine;
        SorryServer sorry;
        boolean sorryInhibit;
        ForwardingMethod sorryMethod;
        int quorum = 1;
        int hysteresis;
        NotifyScript quorumUp;
        NotifyScript quorumDown;
        boolean alpha;
        boolean omega;
        boolean inhibit;
        boolean haSuspend;
        String virtualhost;
        Boolean smtpAlert;
        String family;
        CheckerParser.Inherited checkerDefaults = new CheckerParser.Inherited();
        List<RsDraft> realServers = new ArrayList<>();
    }

    static final class RsDraft {
        Node node;
        InetAddress address;
        int port;
        Integer weight;
        ForwardingMethod method;
        Tunnel tunnel;
        Boolean inhibit;
        NotifyScript notifyUp;
        NotifyScript notifyDown;
        Boolean smtpAlert;
        int upper;
        int lower;
        Boolean alpha;
        String virtualhost;
        CheckerParser.Inherited checkerDefaults;
        List<Node> checkerNodes = new ArrayList<>();
    }

    private final Ctx ctx;
    private final Values v;
    private final CheckerParser checkers;
    private final Section<VsDraft> vs;
    private final Section<RsDraft> rs;

    LvsParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
        this.checkers = new CheckerParser(ctx);
        this.vs = new Section<VsDraft>("virtual_server", Keywords.VIRTUAL_SERVER)
                .value("delay_loop", (n, d) -> set(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), x -> d.delayLoop = x))
                .value("lb_algo", this::scheduler)
                .value("lvs_sched", this::scheduler)
                .value("lb_kind", (n, d) -> method(n, "virtual", (m, t) -> {
                    d.method = m;
                    d.tunnel = t;
                }))
                .value("lvs_method", (n, d) -> method(n, "virtual", (m, t) -> {
                    d.method = m;
                    d.tunnel = t;
                }))
                .value("protocol", this::protocol)
                .value("persistence_timeout", (n, d) -> d.persistence = n.argCount() == 0
                        ? dev.vigil.conf.model.Defaults.PERSISTENCE_TIMEOUT
                        : orElse(v.seconds(n, 0, 1, Integer.MAX_VALUE), d.persistence))
                .value("persistence_granularity",
                        (n, d) -> set(v.ip(n, 0, "persistence_granularity"), a -> d.granularity = a))
                .value("persistence_engine", (n, d) -> d.engine = v.word(n, 0))
                .value("sorry_server", this::sorryServer)
                .value("sorry_server_inhibit", (n, d) -> set(v.bool(n, 0), b -> d.sorryInhibit = b))
                .value("sorry_server_lvs_method", (n, d) -> method(n, "sorry", (m, t) -> d.sorryMethod = m))
                .value("quorum", (n, d) -> set(v.integer(n, 0, 1, Integer.MAX_VALUE), x -> d.quorum = x.intValue()))
                .value("hysteresis",
                        (n, d) -> set(v.integer(n, 0, 0, Integer.MAX_VALUE), x -> d.hysteresis = x.intValue()))
                .value("quorum_up", (n, d) -> d.quorumUp = v.script(n))
                .value("quorum_down", (n, d) -> d.quorumDown = v.script(n))
                .value("alpha", (n, d) -> set(v.bool(n, 0), b -> d.alpha = b))
                .value("omega", (n, d) -> set(v.bool(n, 0), b -> d.omega = b))
                .value("inhibit_on_failure", (n, d) -> set(v.bool(n, 0), b -> d.inhibit = b))
                .value("ha_suspend", (n, d) -> d.haSuspend = true)
                .value("virtualhost", (n, d) -> d.virtualhost = v.word(n, 0))
                .value("smtp_alert", (n, d) -> set(v.bool(n, 0), b -> d.smtpAlert = b))
                .value("ip_family", (n, d) -> d.family = v.word(n, 0))
                .value("weight", (n, d) -> set(v.integer(n, 0, 0, 65535), x -> d.weight = x.intValue()))
                .value("ops", (n, d) -> d.flags.add("ops"))
                .value("hashed", (n, d) -> d.flags.add("hashed"))
                .value("flag-1", (n, d) -> d.flags.add("flag-1"))
                .value("flag-2", (n, d) -> d.flags.add("flag-2"))
                .value("flag-3", (n, d) -> d.flags.add("flag-3"))
                .value("sh-port", (n, d) -> d.flags.add("sh-port"))
                .value("sh-fallback", (n, d) -> d.flags.add("sh-fallback"))
                .value("mh-port", (n, d) -> d.flags.add("mh-port"))
                .value("mh-fallback", (n, d) -> d.flags.add("mh-fallback"))
                .value("connect_timeout", (n, d) -> d.checkerDefaults.connectTimeout(n, v))
                .value("retry", (n, d) -> d.checkerDefaults.retry(n, v))
                .value("delay_before_retry", (n, d) -> d.checkerDefaults.delayBeforeRetry(n, v))
                .value("warmup", (n, d) -> d.checkerDefaults.warmup(n, v))
                .block("real_server", this::realServer);
        this.rs = new Section<RsDraft>("real_server", Keywords.REAL_SERVER)
                .value("weight", (n, d) -> set(rsWeight(n), x -> d.weight = x))
                .value("lvs_method", (n, d) -> method(n, "real", (m, t) -> {
                    d.method = m;
                    d.tunnel = t;
                }))
                .value("uthreshold", (n, d) -> set(v.integer(n, 0, 0, 65535), x -> d.upper = x.intValue()))
                .value("lthreshold", (n, d) -> set(v.integer(n, 0, 0, 65535), x -> d.lower = x.intValue()))
                .value("inhibit_on_failure", (n, d) -> set(v.bool(n, 0), b -> d.inhibit = b))
                .value("notify_up", (n, d) -> d.notifyUp = v.script(n))
                .value("notify_down", (n, d) -> d.notifyDown = v.script(n))
                .value("alpha", (n, d) -> set(v.bool(n, 0), b -> d.alpha = b))
                .value("smtp_alert", (n, d) -> set(v.bool(n, 0), b -> d.smtpAlert = b))
                .value("virtualhost", (n, d) -> d.virtualhost = v.word(n, 0))
                .value("connect_timeout", (n, d) -> d.checkerDefaults.connectTimeout(n, v))
                .value("retry", (n, d) -> d.checkerDefaults.retry(n, v))
                .value("delay_before_retry", (n, d) -> d.checkerDefaults.delayBeforeRetry(n, v))
                .value("warmup", (n, d) -> d.checkerDefaults.warmup(n, v))
                .value("delay_loop", (n, d) -> d.checkerDefaults.delayLoop(n, v));
        for (String kind : CheckerParser.KINDS) {
            rs.block(kind, (n, d) -> d.checkerNodes.add(n));
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    SslConfig ssl(Node n) {
        String[] f = new String[4];
        new Section<Void>("SSL", Keywords.SSL)
                .value("password", (c, x) -> f[0] = v.word(c, 0))
                .value("ca", (c, x) -> f[1] = v.word(c, 0))
                .value("certificate", (c, x) -> f[2] = v.word(c, 0))
                .value("key", (c, x) -> f[3] = v.word(c, 0))
                .apply(n.children(), null, ctx);
        return new SslConfig(f[0], f[1], f[2], f[3]);
    }

    VirtualServerGroup group(Node n) {
        List<VirtualServerGroupEntry> entries = new ArrayList<>();
        for (Node line : n.children()) {
            if (line.name().equals("fwmark")) {
                Long mark = v.integer(line, 0, 1, 0xffffffffL);
                if (mark != null) {
                    entries.add(new VirtualServerGroupEntry(null, null, 0, mark, line.argText(1)));
                }
                continue;
            }
            VirtualServerGroupEntry e = groupAddress(line);
            if (e != null) {
                entries.add(e);
            }
        }
        if (entries.isEmpty()) {
            ctx.reporter().error(n.arg(0), "virtual server group " + n.argText(0) + " has no entries - removing");
            return null;
        }
        return new VirtualServerGroup(n.argText(0), entries);
    }

    /** {@code IP[-LAST] [PORT]} or {@code IP/PREFIX [PORT]}. */
    private VirtualServerGroupEntry groupAddress(Node line) {
        String s = line.name();
        int port = 0;
        if (line.arg(0) != null) {
            Integer p = v.port(line.arg(0));
            if (p == null) {
                return null;
            }
            port = p;
        }
        int dash = s.lastIndexOf('-');
        if (dash > 0 && s.indexOf(':') < 0) {
            InetAddress first = Values.parseIp(s.substring(0, dash));
            String lastPart = s.substring(dash + 1);
            if (first != null && lastPart.matches("\\d{1,3}")) {
                byte[] b = first.getAddress();
                int lastOctet = Integer.parseInt(lastPart);
                if (lastOctet < (b[3] & 0xff) || lastOctet > 255) {
                    ctx.reporter().error(line.keyword(), "Invalid virtual server group IP range '" + s + "'");
                    return null;
                }
                b[3] = (byte) lastOctet;
                return new VirtualServerGroupEntry(first, Values.parseIp(
                        (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + lastOctet), port, 0, null);
            }
        }
        var cidr = v.cidr(line.keyword(), "virtual server group address");
        if (cidr == null) {
            return null;
        }
        return new VirtualServerGroupEntry(cidr.address(), cidr.address(), port, 0, null);
    }

    VsDraft virtualServer(Node n, Set<String> trackFilesDefined) {
        VsDraft d = new VsDraft();
        d.node = n;
        d.trackFilesDefined = Set.copyOf(trackFilesDefined);
        d.address = vsAddress(n);
        if (d.address == null) {
            return null;
        }
        vs.apply(n.children(), d, ctx);
        return d;
    }

    private VirtualServerAddress vsAddress(Node n) {
        String first = v.word(n, 0);
        if (first == null) {
            return null;
        }
        if (first.equals("group")) {
            String name = v.word(n, 1);
            return name == null ? null : new VirtualServerAddress.Group(name);
        }
        if (first.equals("fwmark")) {
            Long mark = v.integer(n, 1, 1, 0xffffffffL);
            return mark == null ? null : new VirtualServerAddress.Fwmark(mark, n.argText(2));
        }
        InetAddress a = v.ip(n.arg(0), "virtual server address");
        if (a == null) {
            return null;
        }
        int port = 0;
        if (n.arg(1) != null) {
            Integer p = v.port(n.arg(1));
            if (p == null) {
                return null;
            }
            port = p;
        }
        return new VirtualServerAddress.IpPort(a, port);
    }

    private void realServer(Node n, VsDraft vsd) {
        RsDraft d = new RsDraft();
        d.node = n;
        InetAddress a = v.ip(n, 0, "real server address");
        if (a == null) {
            return;
        }
        d.address = a;
        if (n.arg(1) != null) {
            Integer p = v.port(n.arg(1));
            if (p == null) {
                return;
            }
            d.port = p;
        }
        d.checkerDefaults = vsd.checkerDefaults.copy();
        rs.apply(n.children(), d, ctx);
        vsd.realServers.add(d);
    }

    /**
     * Applies keepalived's virtual-server completion ({@link LvsCompleter}) and builds the model; null when
     * keepalived would drop the virtual server.
     */
    VirtualServer build(VsDraft d, Boolean globalSmtpAlert, java.util.Map<String, VirtualServerGroup> groups) {
        if (!new LvsCompleter(ctx.reporter()).complete(d, groups)) {
            return null;
        }
        Duration delayLoop = d.delayLoop != null ? d.delayLoop : dev.vigil.conf.model.Defaults.DELAY_LOOP;
        List<RealServer> reals = new ArrayList<>();
        for (RsDraft r : d.realServers) {
            List<Checker> cs = new ArrayList<>();
            for (Node cn : r.checkerNodes) {
                Checker c = checkers.parse(cn, r.address, r.port, delayLoop, r.checkerDefaults, d.virtualhost,
                        d.trackFilesDefined);
                if (c != null) {
                    cs.add(c);
                }
            }
            boolean smtp = r.smtpAlert != null ? r.smtpAlert : globalSmtpAlert == null || globalSmtpAlert;
            reals.add(new RealServer(r.address, r.port, r.weight, r.method, r.tunnel,
                    r.inhibit != null ? r.inhibit : d.inhibit,
                    r.notifyUp, r.notifyDown, smtp, r.upper, r.lower, r.alpha != null ? r.alpha : d.alpha,
                    r.virtualhost, cs));
        }
        SorryServer sorry = d.sorry == null ? null : new SorryServer(d.sorry.address(), d.sorry.port(),
                d.sorryMethod != null ? d.sorryMethod : d.method, d.sorryInhibit);
        boolean smtp = d.smtpAlert != null ? d.smtpAlert : globalSmtpAlert != null && globalSmtpAlert;
        return new VirtualServer(d.address, d.protocol, delayLoop, d.scheduler, d.flags, d.method, d.tunnel,
                d.persistence,
                d.granularity, d.engine, sorry, d.quorum, d.hysteresis, d.quorumUp, d.quorumDown, d.alpha, d.omega,
                d.inhibit, d.haSuspend, d.virtualhost, smtp, d.family, reals);
    }

    private void scheduler(Node n, VsDraft d) {
        String s = v.word(n, 0);
        if (s == null) {
            return;
        }
        if (!SCHEDULERS.contains(s)) {
            String hint = Suggest.closest(s, SCHEDULERS);
            ctx.reporter().error(n.arg(0), "Invalid lvs_scheduler '" + s + "' - ignoring"
                    + (hint != null ? " (did you mean '" + hint + "'?)"
                    : " (expected rr wrr lc wlc lblc sh mh dh fo ovf lblcr sed nq twos)"));
            return;
        }
        d.scheduler = s;
    }

    private Integer rsWeight(Node n) {
        String s = v.word(n, 0);
        if (s == null) {
            return null;
        }
        try {
            int w = Integer.parseInt(s);
            if (w >= 0 && w <= 65535) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        ctx.reporter().error(n.arg(0), "Real server weight " + s + " is outside range 0-65535");
        return null;
    }

    /**
     * {@code NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]} (check_parser.c
     * {@code forwarding_handler()}): the method is kept even when the tunnel options are wrong, as in keepalived.
     */
    private void method(Node n, String serverType, java.util.function.BiConsumer<ForwardingMethod, Tunnel> out) {
        String s = v.word(n, 0);
        if (s == null) {
            return;
        }
        ForwardingMethod m = switch (s) {
            case "NAT" -> ForwardingMethod.NAT;
            case "DR" -> ForwardingMethod.DR;
            case "TUN" -> ForwardingMethod.TUN;
            default -> null;
        };
        if (m == null) {
            ctx.reporter().error(n.arg(0), "PARSER : unknown [" + s + "] routing method for " + serverType
                    + " server. (expected NAT, DR or TUN)");
            return;
        }
        out.accept(m, m == ForwardingMethod.TUN ? Tunnel.IPIP : null);
        String type = "ipip";
        int port = 0;
        String csum = "nocsum";
        for (int i = 1; i < n.argCount(); i++) {
            String opt = n.argText(i);
            switch (opt) {
                case "type" -> {
                    String t = n.argText(i + 1);
                    if (t == null) {
                        ctx.reporter().error(n.arg(i), "Missing tunnel type for " + serverType + " server.");
                        return;
                    }
                    if (!Set.of("ipip", "gue", "gre").contains(t)) {
                        ctx.reporter().error(n.arg(i + 1), "Unknown tunnel type " + t + " for " + serverType
                                + " server.");
                        return;
                    }
                    type = t;
                    i++;
                }
                case "port" -> {
                    if (n.arg(i + 1) == null) {
                        ctx.reporter().error(n.arg(i), "Missing port for " + serverType + " server gue tunnel.");
                        return;
                    }
                    int p = -1;
                    try {
                        p = Integer.parseInt(n.argText(i + 1));
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                    if (p < 1 || p > 65535) {
                        ctx.reporter().error(n.arg(i + 1), "Invalid gue tunnel port " + n.argText(i + 1) + " for "
                                + serverType + " server.");
                        return;
                    }
                    port = p;
                    i++;
                }
                case "nocsum", "csum", "remcsum" -> csum = opt;
                default -> {
                    ctx.reporter().error(n.arg(i), "Invalid tunnel option " + opt + " for " + serverType + " server.");
                    return;
                }
            }
        }
        if (type.equals("gue") != (port != 0)) {
            ctx.reporter().error(n.arg(0), "gue tunnels require port, otherwise cannot have port.");
            return;
        }
        if (type.equals("ipip") && !csum.equals("nocsum")) {
            ctx.reporter().error(n.arg(0), "ipip tunnels do not support checksum option.");
            return;
        }
        if (type.equals("gre") && csum.equals("remcsum")) {
            ctx.reporter().error(n.arg(0), "gre tunnels do not support remote checksum option.");
            return;
        }
        if (m == ForwardingMethod.TUN) {
            out.accept(m, new Tunnel(type, port, csum));
        }
    }

    private void protocol(Node n, VsDraft d) {
        String s = v.word(n, 0);
        if (s == null) {
            return;
        }
        if (s.equals("TCP") || s.equals("UDP") || s.equals("SCTP")) {
            d.protocol = s;
        } else {
            ctx.reporter().error(n.arg(0), "Unknown protocol " + s + " - ignoring");
        }
    }

    private void sorryServer(Node n, VsDraft d) {
        InetAddress a = v.ip(n, 0, "sorry_server address");
        if (a == null) {
            return;
        }
        int port = 0;
        if (n.arg(1) != null) {
            Integer p = v.port(n.arg(1));
            port = p == null ? 0 : p;
        }
        d.sorry = new SorryServer(a, port, null, false);
    }
}
