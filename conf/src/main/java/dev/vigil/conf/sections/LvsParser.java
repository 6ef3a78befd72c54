package dev.vigil.conf.sections;

import static dev.vigil.conf.sections.Values.intOr;
import static dev.vigil.conf.sections.Values.or;

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

    private static final Section VIRTUAL_SERVER = new Section("virtual_server", Keywords.VIRTUAL_SERVER)
            .values("delay_loop", "lb_algo", "lvs_sched", "lb_kind", "lvs_method", "protocol", "persistence_timeout",
                    "persistence_granularity", "persistence_engine", "sorry_server", "sorry_server_inhibit",
                    "sorry_server_lvs_method", "quorum", "hysteresis", "quorum_up", "quorum_down", "alpha", "omega",
                    "inhibit_on_failure", "ha_suspend", "virtualhost", "smtp_alert", "ip_family", "weight", "ops",
                    "hashed", "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback",
                    "connect_timeout", "retry", "delay_before_retry", "warmup")
            .blocks("real_server");
    private static final Section REAL_SERVER = new Section("real_server", Keywords.REAL_SERVER)
            .values("weight", "lvs_method", "uthreshold", "lthreshold", "inhibit_on_failure", "notify_up",
                    "notify_down", "alpha", "smtp_alert", "virtualhost", "connect_timeout", "retry",
                    "delay_before_retry", "warmup", "delay_loop")
            .blocks(CheckerParser.KINDS.toArray(new String[0]));
    private static final Section SSL = new Section("SSL", Keywords.SSL)
            .values("password", "ca", "certificate", "key");

    private final Ctx ctx;
    private final Values v;
    private final CheckerParser checkers;

    LvsParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
        this.checkers = new CheckerParser(ctx);
    }

    private void virtualServerKeyword(Node n, VsDraft d) {
        switch (n.name()) {
            case "delay_loop" -> d.delayLoop = or(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), d.delayLoop);
            case "lb_algo", "lvs_sched" -> scheduler(n, d);
            case "lb_kind", "lvs_method" -> {
                Forwarding f = Forwarding.read(n, "virtual", ctx);
                if (f != null) {
                    d.method = f.method();
                    d.tunnel = f.tunnel();
                }
            }
            case "protocol" -> protocol(n, d);
            case "persistence_timeout" -> d.persistence = n.argCount() == 0
                    ? dev.vigil.conf.model.Defaults.PERSISTENCE_TIMEOUT
                    : or(v.seconds(n, 0, 1, Integer.MAX_VALUE), d.persistence);
            case "persistence_granularity" -> d.granularity = or(v.ip(n, 0, "persistence_granularity"), d.granularity);
            case "persistence_engine" -> d.engine = v.word(n, 0);
            case "sorry_server" -> sorryServer(n, d);
            case "sorry_server_inhibit" -> d.sorryInhibit = or(v.bool(n, 0), d.sorryInhibit);
            case "sorry_server_lvs_method" -> {
                Forwarding f = Forwarding.read(n, "sorry", ctx);
                if (f != null) {
                    d.sorryMethod = f.method();
                }
            }
            case "quorum" -> d.quorum = intOr(v.integer(n, 0, 1, Integer.MAX_VALUE), d.quorum);
            case "hysteresis" -> d.hysteresis = intOr(v.integer(n, 0, 0, Integer.MAX_VALUE), d.hysteresis);
            case "quorum_up" -> d.quorumUp = once(d.quorumUp, n);
            case "quorum_down" -> d.quorumDown = once(d.quorumDown, n);
            case "alpha" -> d.alpha = or(v.bool(n, 0), d.alpha);
            case "omega" -> d.omega = or(v.bool(n, 0), d.omega);
            case "inhibit_on_failure" -> d.inhibit = or(v.bool(n, 0), d.inhibit);
            case "ha_suspend" -> d.haSuspend = true;
            case "virtualhost" -> d.virtualhost = v.word(n, 0);
            case "smtp_alert" -> d.smtpAlert = or(v.bool(n, 0), d.smtpAlert);
            case "ip_family" -> d.family = v.word(n, 0);
            case "weight" -> d.weight = intOr(v.integer(n, 0, 0, 65535), d.weight);
            case "ops", "hashed", "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback" ->
                    d.flags.add(n.name());
            case "connect_timeout", "retry", "delay_before_retry", "warmup" -> d.checkerDefaults.apply(n, v);
            case "real_server" -> realServer(n, d);
            default -> throw VIRTUAL_SERVER.unhandled(n);
        }
    }

    private void realServerKeyword(Node n, RsDraft d) {
        switch (n.name()) {
            case "weight" -> d.weight = or(rsWeight(n), d.weight);
            case "lvs_method" -> {
                Forwarding f = Forwarding.read(n, "real", ctx);
                if (f != null) {
                    d.method = f.method();
                    d.tunnel = f.tunnel();
                }
            }
            case "uthreshold" -> d.upper = intOr(v.integer(n, 0, 0, 65535), d.upper);
            case "lthreshold" -> d.lower = intOr(v.integer(n, 0, 0, 65535), d.lower);
            case "inhibit_on_failure" -> d.inhibit = or(v.bool(n, 0), d.inhibit);
            case "notify_up" -> d.notifyUp = once(d.notifyUp, n);
            case "notify_down" -> d.notifyDown = once(d.notifyDown, n);
            case "alpha" -> d.alpha = or(v.bool(n, 0), d.alpha);
            case "smtp_alert" -> d.smtpAlert = or(v.bool(n, 0), d.smtpAlert);
            case "virtualhost" -> d.virtualhost = v.word(n, 0);
            case "connect_timeout", "retry", "delay_before_retry", "warmup", "delay_loop" ->
                    d.checkerDefaults.apply(n, v);
            default -> {
                if (!CheckerParser.KINDS.contains(n.name())) {
                    throw REAL_SERVER.unhandled(n);
                }
                d.checkerNodes.add(n); // parsed once the virtual server's settings are known
            }
        }
    }

    /**
     * keepalived keeps the first of a repeated script. Its message names the virtual server group, which is
     * "(null)" for ordinary virtual servers.
     */
    private NotifyScript once(NotifyScript current, Node n) {
        if (current != null) {
            ctx.reporter().error(n.keyword(), "(null) " + n.name() + " script already specified - ignoring "
                    + n.argText(0));
            return current;
        }
        return v.script(n);
    }

    SslConfig ssl(Node n) {
        String password = null;
        String ca = null;
        String certificate = null;
        String key = null;
        for (Node c : n.children()) {
            if (SSL.accepts(c, ctx)) {
                switch (c.name()) {
                    case "password" -> password = v.word(c, 0);
                    case "ca" -> ca = v.word(c, 0);
                    case "certificate" -> certificate = v.word(c, 0);
                    case "key" -> key = v.word(c, 0);
                    default -> throw SSL.unhandled(c);
                }
            }
        }
        return new SslConfig(password, ca, certificate, key);
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
        for (Node c : n.children()) {
            if (VIRTUAL_SERVER.accepts(c, ctx)) {
                virtualServerKeyword(c, d);
            }
        }
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
        for (Node c : n.children()) {
            if (REAL_SERVER.accepts(c, ctx)) {
                realServerKeyword(c, d);
            }
        }
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
