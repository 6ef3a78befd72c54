package dev.vigil.conf.sections;

import static dev.vigil.conf.sections.GlobalDefsParser.set;

import dev.vigil.conf.model.Authentication;
import dev.vigil.conf.model.GarpGroup;
import dev.vigil.conf.model.IpAddressEntry;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.RouteEntry;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.TrackProcess;
import dev.vigil.conf.model.TrackRef;
import dev.vigil.conf.model.UnicastPeer;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpState;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Token;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** vrrp_instance, vrrp_sync_group, vrrp_script, track_file, vrrp_track_process, garp_group (vrrp/vrrp_parser.c). */
final class VrrpParser {

    /** A vrrp_instance as written; {@link Completer} applies keepalived's defaults and checks. */
    static final class InstanceDraft {
        String name;
        Node node;
        VrrpState state;
        String interfaceName;
        Token interfaceToken;
        Integer vrid;
        Integer priority;
        Duration advertInt;
        Integer version;
        Authentication.Type authType;
        String authPass;
        List<IpAddressEntry> vips = new ArrayList<>();
        List<Token> vipTokens = new ArrayList<>();
        List<IpAddressEntry> excluded = new ArrayList<>();
        List<RouteEntry> routes = new ArrayList<>();
        List<RouteEntry> rules = new ArrayList<>();
        boolean nopreempt;
        Token nopreemptToken;
        Duration preemptDelay = Duration.ZERO;
        InetAddress unicastSrc;
        List<UnicastPeer> peers = new ArrayList<>();
        InetAddress mcastSrc;
        int unicastTtl = 255;
        List<TrackRef> trackInterfaces = new ArrayList<>();
        List<Token> trackInterfaceTokens = new ArrayList<>();
        List<TrackRef> trackScripts = new ArrayList<>();
        List<Token> trackScriptTokens = new ArrayList<>();
        List<TrackRef> trackFiles = new ArrayList<>();
        List<TrackRef> trackProcesses = new ArrayList<>();
        List<TrackRef> trackBfds = new ArrayList<>();
        NotifyScript[] notify = new NotifyScript[7];
        boolean notifyPriorityChanges;
        Boolean smtpAlert;
        Duration garpMasterDelay;
        Integer garpMasterRepeat;
        Duration garpMasterRefresh;
        Integer garpMasterRefreshRepeat;
        Duration garpLowerPrioDelay;
        Integer garpLowerPrioRepeat;
        boolean dontTrackPrimary;
        Boolean accept;
        Boolean strict;
        Boolean skipCheckAdvAddr;
        boolean promoteSecondaries;
        Integer downTimerAdverts;
        Boolean lowerPrioNoAdvert;
        Boolean higherPrioSendAdvert;
        boolean useVmac;
        String vmacName;
    }

    /** A vrrp_sync_group as written. */
    static final class SyncGroupDraft {
        String name;
        Node node;
        List<Token> members = new ArrayList<>();
        NotifyScript[] notify = new NotifyScript[7];
        Boolean smtpAlert;
        List<TrackRef> trackInterfaces = new ArrayList<>();
        List<TrackRef> trackScripts = new ArrayList<>();
        List<TrackRef> trackFiles = new ArrayList<>();
        List<TrackRef> trackProcesses = new ArrayList<>();
        boolean trackingWeight;
        boolean notifyPriorityChanges;
    }

    static final int N_MASTER = 0;
    static final int N_BACKUP = 1;
    static final int N_FAULT = 2;
    static final int N_STOP = 3;
    static final int N_DELETED = 4;
    static final int N_GENERIC = 5;
    static final int N_RX_LOWER = 6;

    private final Ctx ctx;
    private final Values v;
    private final AddressParser addresses;
    private final Section<InstanceDraft> instance;
    private final Section<SyncGroupDraft> syncGroup;
    private final Section<ScriptDraft> script;

    VrrpParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
        this.addresses = new AddressParser(ctx);
        this.instance = new Section<InstanceDraft>("vrrp_instance", Keywords.VRRP_INSTANCE)
                .value("state", this::state)
                .value("interface", (n, d) -> {
                    d.interfaceName = v.word(n, 0);
                    d.interfaceToken = n.arg(0);
                })
                .value("virtual_router_id", this::vrid)
                .value("priority", this::priority)
                .value("advert_int", (n, d) -> set(v.seconds(n, 0, 0.01, 255), x -> d.advertInt = x))
                .value("version", (n, d) -> set(v.integer(n, 0, 2, 3), x -> d.version = x.intValue()))
                .block("authentication", this::authentication)
                .valueBlock("virtual_ipaddress", (n, d) -> {
                    d.vips.addAll(addresses.addresses(n));
                    n.children().forEach(c -> d.vipTokens.add(c.keyword()));
                })
                .valueBlock("virtual_ipaddress_excluded", (n, d) -> {
                    List<IpAddressEntry> parsed = addresses.addresses(n);
                    d.excluded.addAll(parsed);
                    for (int k = 0; k < parsed.size(); k++) { // as virtual_ipaddress's, checked in Completer
                        IpAddressEntry e = parsed.get(k);
                        Token at = parsed.size() == n.children().size() ? n.children().get(k).keyword() : null;
                        if (e.device() != null) {
                            String text = at != null ? at.text() : e.cidr().toString();
                            ctx.interfaces().check(e.device(), at != null ? at.pos() : n.pos(),
                                    "WARNING - interface " + e.device() + " for ip address " + text + " doesn't exist");
                        }
                    }
                })
                .valueBlock("virtual_routes", (n, d) -> d.routes.addAll(addresses.routes(n, false, true)))
                .valueBlock("virtual_rules", (n, d) -> d.rules.addAll(addresses.routes(n, true, true)))
                .value("nopreempt", (n, d) -> {
                    d.nopreempt = true;
                    d.nopreemptToken = n.keyword();
                })
                .value("preempt", (n, d) -> d.nopreempt = false)
                .value("preempt_delay", (n, d) -> set(v.seconds(n, 0, 0, 1000), x -> d.preemptDelay = x))
                .value("unicast_src_ip", (n, d) -> set(v.ip(n, 0, "unicast_src_ip"), a -> d.unicastSrc = a))
                .value("mcast_src_ip", (n, d) -> set(v.ip(n, 0, "mcast_src_ip"), a -> d.mcastSrc = a))
                .value("unicast_ttl", (n, d) -> set(v.integer(n, 0, 1, 255), x -> d.unicastTtl = x.intValue()))
                .valueBlock("unicast_peer", this::unicastPeers)
                .valueBlock("track_interface", (n, d) -> {
                    d.trackInterfaces.addAll(trackRefs(n, "track_interface"));
                    n.children().forEach(c -> d.trackInterfaceTokens.add(c.keyword()));
                })
                .valueBlock("track_script", (n, d) -> {
                    d.trackScripts.addAll(trackRefs(n, "track_script"));
                    n.children().forEach(c -> d.trackScriptTokens.add(c.keyword()));
                })
                .valueBlock("track_file", (n, d) -> d.trackFiles.addAll(trackRefs(n, "track_file")))
                .valueBlock("track_process", (n, d) -> d.trackProcesses.addAll(trackRefs(n, "track_process")))
                .valueBlock("track_bfd", (n, d) -> d.trackBfds.addAll(trackRefs(n, "track_bfd")))
                .value("notify_master", (n, d) -> d.notify[N_MASTER] = once(d.notify[N_MASTER], n, "(" + d.name + ") "))
                .value("notify_backup", (n, d) -> d.notify[N_BACKUP] = once(d.notify[N_BACKUP], n, "(" + d.name + ") "))
                .value("notify_fault", (n, d) -> d.notify[N_FAULT] = once(d.notify[N_FAULT], n, "(" + d.name + ") "))
                .value("notify_stop", (n, d) -> d.notify[N_STOP] = once(d.notify[N_STOP], n, "(" + d.name + ") "))
                .value("notify_deleted", (n, d) -> d.notify[N_DELETED] = n.argCount() == 0
                        ? new NotifyScript("", null, null) : v.script(n))
                .value("notify", (n, d) -> d.notify[N_GENERIC] = once(d.notify[N_GENERIC], n, "vrrp group " + d.name + ": "))
                .value("notify_master_rx_lower_pri", (n, d) -> d.notify[N_RX_LOWER] = v.script(n))
                .value("notify_priority_changes", (n, d) -> set(v.bool(n, 0), b -> d.notifyPriorityChanges = b))
                .value("smtp_alert", (n, d) -> set(v.bool(n, 0), b -> d.smtpAlert = b))
                .value("garp_master_delay", (n, d) -> set(v.seconds(n, 0, 0, 255), x -> d.garpMasterDelay = x))
                .value("garp_master_repeat",
                        (n, d) -> set(v.integer(n, 0, 0, 255), x -> d.garpMasterRepeat = x.intValue()))
                .value("garp_master_refresh",
                        (n, d) -> set(v.seconds(n, 0, 0, Integer.MAX_VALUE), x -> d.garpMasterRefresh = x))
                .value("garp_master_refresh_repeat",
                        (n, d) -> set(v.integer(n, 0, 0, 255), x -> d.garpMasterRefreshRepeat = x.intValue()))
                .value("garp_lower_prio_delay", (n, d) -> set(v.seconds(n, 0, 0, 255), x -> d.garpLowerPrioDelay = x))
                .value("garp_lower_prio_repeat",
                        (n, d) -> set(v.integer(n, 0, 0, 255), x -> d.garpLowerPrioRepeat = x.intValue()))
                .value("dont_track_primary", (n, d) -> d.dontTrackPrimary = true)
                .value("accept", (n, d) -> d.accept = true)
                .value("no_accept", (n, d) -> d.accept = false)
                .value("strict_mode", (n, d) -> set(v.bool(n, 0), b -> d.strict = b))
                .value("skip_check_adv_addr", (n, d) -> set(v.bool(n, 0), b -> d.skipCheckAdvAddr = b))
                .value("promote_secondaries", (n, d) -> d.promoteSecondaries = true)
                .value("down_timer_adverts", (n, d) -> set(v.integer(n, 0, 1, 100), x -> d.downTimerAdverts = x.intValue()))
                .value("lower_prio_no_advert", (n, d) -> set(v.bool(n, 0), b -> d.lowerPrioNoAdvert = b))
                .value("higher_prio_send_advert", (n, d) -> set(v.bool(n, 0), b -> d.higherPrioSendAdvert = b))
                .value("use_vmac", (n, d) -> {
                    d.useVmac = true;
                    d.vmacName = n.argText(0);
                });
        this.syncGroup = new Section<SyncGroupDraft>("vrrp_sync_group", Keywords.VRRP_SYNC_GROUP)
                .valueBlock("group", (n, d) -> n.children().forEach(c -> d.members.addAll(c.words())))
                .value("notify_master", (n, d) -> d.notify[N_MASTER] = once(d.notify[N_MASTER], n, "vrrp group " + d.name + ": "))
                .value("notify_backup", (n, d) -> d.notify[N_BACKUP] = once(d.notify[N_BACKUP], n, "vrrp group " + d.name + ": "))
                .value("notify_fault", (n, d) -> d.notify[N_FAULT] = once(d.notify[N_FAULT], n, "vrrp group " + d.name + ": "))
                .value("notify_stop", (n, d) -> d.notify[N_STOP] = once(d.notify[N_STOP], n, "vrrp group " + d.name + ": "))
                .value("notify", (n, d) -> d.notify[N_GENERIC] = v.script(n))
                .value("smtp_alert", (n, d) -> set(v.bool(n, 0), b -> d.smtpAlert = b))
                .valueBlock("track_interface", (n, d) -> d.trackInterfaces.addAll(trackRefs(n, "track_interface")))
                .valueBlock("track_script", (n, d) -> d.trackScripts.addAll(trackRefs(n, "track_script")))
                .valueBlock("track_file", (n, d) -> d.trackFiles.addAll(trackRefs(n, "track_file")))
                .valueBlock("track_process", (n, d) -> d.trackProcesses.addAll(trackRefs(n, "track_process")))
                .value("sync_group_tracking_weight", (n, d) -> d.trackingWeight = true)
                .value("notify_priority_changes", (n, d) -> set(v.bool(n, 0), b -> d.notifyPriorityChanges = b));
        this.script = new Section<ScriptDraft>("vrrp_script", Keywords.VRRP_SCRIPT)
                .value("script", (n, d) -> {
                    d.script = v.word(n, 0);
                    d.scriptToken = n.arg(0);
                })
                .value("interval", (n, d) -> set(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), x -> d.interval = x))
                .value("timeout", (n, d) -> set(v.seconds(n, 0, 0.000001, Integer.MAX_VALUE), x -> d.timeout = x))
                .value("weight", (n, d) -> {
                    set(scriptWeight(n, d.name), x -> d.weight = x);
                    d.reverse = weightReverse(n, "vrrp_script " + d.name);
                })
                .value("rise", (n, d) -> set(v.integer(n, 0, 1, Integer.MAX_VALUE), x -> d.rise = x.intValue()))
                .value("fall", (n, d) -> set(v.integer(n, 0, 1, Integer.MAX_VALUE), x -> d.fall = x.intValue()))
                .value("user", (n, d) -> {
                    d.user = v.word(n, 0);
                    d.group = n.argText(1);
                })
                .value("init_fail", (n, d) -> d.initFail = true);
    }

    static final class ScriptDraft {
        String name;
        String script;
        Token scriptToken;
        Duration interval = Duration.ofSeconds(1);
        Duration timeout;
        int weight;
        boolean reverse;
        int rise = 1;
        int fall = 1;
        String user;
        String group;
        boolean initFail;
    }

    InstanceDraft instance(Node n) {
        InstanceDraft d = new InstanceDraft();
        d.name = n.argText(0);
        d.node = n;
        instance.apply(n.children(), d, ctx);
        return d;
    }

    SyncGroupDraft syncGroup(Node n) {
        SyncGroupDraft d = new SyncGroupDraft();
        d.name = n.argText(0);
        d.node = n;
        syncGroup.apply(n.children(), d, ctx);
        return d;
    }

    VrrpScript script(Node n) {
        ScriptDraft d = new ScriptDraft();
        d.name = n.argText(0);
        script.apply(n.children(), d, ctx);
        if (d.script == null) {
            ctx.reporter().error(n.arg(0) != null ? n.arg(0) : n.keyword(),
                    "No script set for vrrp_script " + d.name + " - removing");
            return null;
        }
        return v.origin(new VrrpScript(d.name, d.script, d.interval, d.timeout != null ? d.timeout : d.interval,
                d.weight, d.reverse, d.rise, d.fall, d.user, d.group, d.initFail), d.scriptToken);
    }

    TrackFile trackFile(Node n) {
        String name = n.argText(0);
        String[] file = {null};
        int[] weight = {1};
        boolean[] reverse = {false};
        Integer[] init = {null};
        boolean[] overwrite = {false};
        new Section<Void>("track_file", Keywords.TRACK_FILE)
                .value("file", (c, x) -> file[0] = v.word(c, 0))
                .value("weight", (c, x) -> {
                    set(v.integer(c, 0, -254, 254), w -> weight[0] = w.intValue());
                    reverse[0] = weightReverse(c, "track_file " + name);
                })
                .value("init_file", (c, x) -> {
                    init[0] = 0;
                    for (Token t : c.args()) {
                        if (t.text().equals("overwrite")) {
                            overwrite[0] = true;
                        } else {
                            set(v.integer(t, Integer.MIN_VALUE, Integer.MAX_VALUE), w -> init[0] = w.intValue());
                        }
                    }
                })
                .apply(n.children(), null, ctx);
        if (file[0] == null) {
            ctx.reporter().error(n.keyword(), "No file set for track_file " + name + " - removing");
            return null;
        }
        return new TrackFile(name, file[0], weight[0], reverse[0], init[0], overwrite[0]);
    }

    TrackProcess trackProcess(Node n) {
        String name = n.argText(0);
        final class D {
            List<String> process = List.of();
            String paramMatch;
            int weight;
            boolean reverse;
            int quorum = 1;
            int quorumMax = Integer.MAX_VALUE;
            Duration delay;
            Duration terminateDelay;
            Duration forkDelay;
            boolean fullCommand;
        }
        D d = new D();
        new Section<D>("vrrp_track_process", Keywords.VRRP_TRACK_PROCESS)
                .value("process", (c, x) -> x.process = c.args().stream().map(Token::text).toList())
                .value("param_match", (c, x) -> x.paramMatch = v.word(c, 0))
                .value("weight", (c, x) -> {
                    set(v.integer(c, 0, -253, 253), w -> x.weight = w.intValue());
                    x.reverse = weightReverse(c, "vrrp_track_process " + name);
                })
                .value("quorum", (c, x) -> set(v.integer(c, 0, 1, 65535), q -> x.quorum = q.intValue()))
                .value("quorum_max", (c, x) -> set(v.integer(c, 0, 1, 65535), q -> x.quorumMax = q.intValue()))
                .value("delay", (c, x) -> set(v.seconds(c, 0, 0, 3600), t -> x.delay = t))
                .value("terminate_delay", (c, x) -> set(v.seconds(c, 0, 0, 3600), t -> x.terminateDelay = t))
                .value("fork_delay", (c, x) -> set(v.seconds(c, 0, 0, 3600), t -> x.forkDelay = t))
                .value("full_command", (c, x) -> x.fullCommand = true)
                .apply(n.children(), d, ctx);
        if (d.process.isEmpty()) {
            ctx.reporter().error(n.keyword(), "vrrp_track_process " + name + " process name not specified");
            return null;
        }
        return new TrackProcess(name, d.process, d.paramMatch, d.weight, d.reverse, d.quorum, d.quorumMax, d.delay,
                d.terminateDelay, d.forkDelay, d.fullCommand);
    }

    GarpGroup garpGroup(Node n) {
        Duration[] intervals = {Duration.ZERO, Duration.ZERO};
        List<String> interfaces = new ArrayList<>();
        new Section<Void>("garp_group", Keywords.GARP_GROUP)
                .value("garp_interval", (c, x) -> set(v.seconds(c, 0, 0, 1000), t -> intervals[0] = t))
                .value("gna_interval", (c, x) -> set(v.seconds(c, 0, 0, 1000), t -> intervals[1] = t))
                .value("interface", (c, x) -> set(v.word(c, 0), name -> garpInterface(c.arg(0), interfaces)))
                .valueBlock("interfaces", (c, x) -> c.children().forEach(i -> i.words().forEach(
                        t -> garpInterface(t, interfaces))))
                .apply(n.children(), null, ctx);
        if (interfaces.isEmpty()) {
            ctx.reporter().error(n.keyword(), "garp_group has no interfaces specified - ignoring");
            return null;
        }
        return new GarpGroup(intervals[0], intervals[1], interfaces);
    }

    /** keepalived keeps the first of a repeated notify script: "{prefix}notify_x script already specified". */
    private NotifyScript once(NotifyScript current, Node n, String prefix) {
        if (current != null) {
            ctx.reporter().error(n.keyword(), prefix + n.name() + " script already specified - ignoring "
                    + n.argText(0));
            return current;
        }
        return v.script(n);
    }

    private Integer scriptWeight(Node n, String script) {
        String s = v.word(n, 0);
        if (s == null) {
            return null;
        }
        try {
            int w = Integer.parseInt(s);
            if (w >= -253 && w <= 253) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        ctx.reporter().error(n.arg(0), "vrrp_script " + script + " weight " + s + " must be in [-253, 253]");
        return null;
    }

    private void garpInterface(Token t, List<String> interfaces) {
        if (ctx.interfaces().check(t.text(), t.pos(),
                "WARNING - interface " + t.text() + " specified for garp_group doesn't exist")) {
            interfaces.add(t.text());
        }
    }

    private void state(Node n, InstanceDraft d) {
        String s = v.word(n, 0);
        if (s == null) {
            return;
        }
        switch (s) {
            case "MASTER" -> d.state = VrrpState.MASTER;
            case "BACKUP" -> d.state = VrrpState.BACKUP;
            default -> {
                ctx.reporter().error(n.arg(0), "(" + d.name + ") unknown state '" + s + "', defaulting to BACKUP");
                d.state = VrrpState.BACKUP;
            }
        }
    }

    private void vrid(Node n, InstanceDraft d) {
        String s = v.word(n, 0);
        if (s == null) {
            return;
        }
        try {
            int id = Integer.parseInt(s);
            if (id >= 1 && id <= 255) {
                d.vrid = id;
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        ctx.reporter().error(n.arg(0), "(" + d.name + "): VRID '" + s + "' not valid - must be between 1 & 255");
    }

    private void priority(Node n, InstanceDraft d) {
        String s = v.word(n, 0);
        if (s == null) {
            return;
        }
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 255) {
                d.priority = p;
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        ctx.reporter().error(n.arg(0), "(" + d.name + ") Priority not valid! must be between 1 & 255. Using default 100");
        d.priority = 100;
    }

    private void authentication(Node n, InstanceDraft d) {
        new Section<InstanceDraft>("authentication", Keywords.AUTHENTICATION)
                .value("auth_type", (c, x) -> {
                    String t = v.word(c, 0);
                    if ("PASS".equals(t)) {
                        x.authType = Authentication.Type.PASS;
                    } else if ("AH".equals(t)) {
                        x.authType = Authentication.Type.AH;
                    } else if (t != null) {
                        ctx.reporter().error(c.arg(0), "(" + x.name + ") unknown authentication type '" + t + "'");
                    }
                })
                .value("auth_pass", (c, x) -> {
                    String p = v.word(c, 0);
                    if (p != null && p.length() > 8) {
                        ctx.reporter().warning(c.arg(0), "Truncating auth_pass to 8 characters");
                        p = p.substring(0, 8);
                    }
                    if (p != null) {
                        x.authPass = p;
                    }
                })
                .apply(n.children(), d, ctx);
    }

    private void unicastPeers(Node n, InstanceDraft d) {
        for (Node line : n.children()) {
            InetAddress a = v.ip(line.keyword(), "unicast peer");
            if (a == null) {
                continue;
            }
            int min = 0;
            int max = 0;
            for (int i = 0; i + 1 < line.argCount(); i += 2) {
                Long ttl = v.integer(line.arg(i + 1), 0, 255);
                switch (line.argText(i)) {
                    case "min_ttl" -> min = ttl == null ? 0 : ttl.intValue();
                    case "max_ttl" -> max = ttl == null ? 0 : ttl.intValue();
                    default -> ctx.reporter().error(line.arg(i),
                            "(" + d.name + ") unknown unicast_peer option " + line.argText(i));
                }
            }
            d.peers.add(new UnicastPeer(a, min, max));
        }
    }

    /** {@code NAME [weight N [reverse|no_reverse]]} lines of track_* blocks. */
    private List<TrackRef> trackRefs(Node block, String what) {
        List<TrackRef> out = new ArrayList<>();
        for (Node line : block.children()) {
            Integer weight = null;
            boolean reverse = false;
            for (int i = 0; i < line.argCount(); i++) {
                String opt = line.argText(i);
                if (opt.equals("weight") && line.arg(i + 1) != null) {
                    Long w = v.integer(line.arg(++i), -254, 254);
                    weight = w == null ? null : w.intValue();
                } else if (opt.equals("reverse")) {
                    reverse = true;
                } else if (!opt.equals("no_reverse")) {
                    ctx.reporter().error(line.arg(i), "unknown " + what + " option " + opt + " - ignoring");
                }
            }
            out.add(new TrackRef(line.name(), weight, reverse));
        }
        return out;
    }

    private boolean weightReverse(Node n, String owner) {
        if (n.arg(1) == null) {
            return false;
        }
        if (n.argText(1).equals("reverse")) {
            return true;
        }
        ctx.reporter().error(n.arg(1), owner + " unknown weight option " + n.argText(1));
        return false;
    }
}
