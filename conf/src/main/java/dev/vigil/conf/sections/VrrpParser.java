package dev.vigil.conf.sections;

import static dev.vigil.conf.sections.Values.intOr;
import static dev.vigil.conf.sections.Values.or;

import dev.vigil.conf.model.Authentication;
import dev.vigil.conf.model.GarpGroup;
import dev.vigil.conf.model.IpAddressEntry;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.RouteEntry;
import dev.vigil.conf.model.TrackRef;
import dev.vigil.conf.model.UnicastPeer;
import dev.vigil.conf.model.VrrpState;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Token;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** vrrp_instance, vrrp_sync_group and garp_group (vrrp/vrrp_parser.c); what instances track: {@link TrackingParser}. */
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

    private static final Section INSTANCE = new Section("vrrp_instance", Keywords.VRRP_INSTANCE)
            .values("state", "interface", "virtual_router_id", "priority", "advert_int", "version", "nopreempt",
                    "preempt", "preempt_delay", "unicast_src_ip", "mcast_src_ip", "unicast_ttl", "notify_master",
                    "notify_backup", "notify_fault", "notify_stop", "notify_deleted", "notify",
                    "notify_master_rx_lower_pri", "notify_priority_changes", "smtp_alert", "garp_master_delay",
                    "garp_master_repeat", "garp_master_refresh", "garp_master_refresh_repeat", "garp_lower_prio_delay",
                    "garp_lower_prio_repeat", "dont_track_primary", "accept", "no_accept", "strict_mode",
                    "skip_check_adv_addr", "promote_secondaries", "down_timer_adverts", "lower_prio_no_advert",
                    "higher_prio_send_advert", "use_vmac")
            .valueBlocks("virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes", "virtual_rules",
                    "unicast_peer", "track_interface", "track_script", "track_file", "track_process", "track_bfd")
            .blocks("authentication");
    private static final Section AUTHENTICATION = new Section("authentication", Keywords.AUTHENTICATION)
            .values("auth_type", "auth_pass");
    private static final Section SYNC_GROUP = new Section("vrrp_sync_group", Keywords.VRRP_SYNC_GROUP)
            .values("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify", "smtp_alert",
                    "sync_group_tracking_weight", "notify_priority_changes")
            .valueBlocks("group", "track_interface", "track_script", "track_file", "track_process");
    private static final Section GARP_GROUP = new Section("garp_group", Keywords.GARP_GROUP)
            .values("garp_interval", "gna_interval", "interface")
            .valueBlocks("interfaces");

    private final Ctx ctx;
    private final Values v;
    private final AddressParser addresses;

    VrrpParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
        this.addresses = new AddressParser(ctx);
    }

    InstanceDraft instance(Node n) {
        InstanceDraft d = new InstanceDraft();
        d.name = n.argText(0);
        d.node = n;
        for (Node c : n.children()) {
            if (INSTANCE.accepts(c, ctx)) {
                instanceKeyword(c, d);
            }
        }
        return d;
    }

    private void instanceKeyword(Node n, InstanceDraft d) {
        switch (n.name()) {
            case "state" -> state(n, d);
            case "interface" -> {
                d.interfaceName = v.word(n, 0);
                d.interfaceToken = n.arg(0);
            }
            case "virtual_router_id" -> vrid(n, d);
            case "priority" -> priority(n, d);
            case "advert_int" -> d.advertInt = or(v.seconds(n, 0, 0.01, 255), d.advertInt);
            case "version" -> d.version = intOr(v.integer(n, 0, 2, 3), d.version);
            case "authentication" -> authentication(n, d);
            case "virtual_ipaddress" -> {
                d.vips.addAll(addresses.addresses(n));
                lineTokens(n, d.vipTokens);
            }
            case "virtual_ipaddress_excluded" -> excludedAddresses(n, d);
            case "virtual_routes" -> d.routes.addAll(addresses.routes(n, false, true));
            case "virtual_rules" -> d.rules.addAll(addresses.routes(n, true, true));
            case "nopreempt" -> {
                d.nopreempt = true;
                d.nopreemptToken = n.keyword();
            }
            case "preempt" -> d.nopreempt = false;
            case "preempt_delay" -> d.preemptDelay = or(v.seconds(n, 0, 0, 1000), d.preemptDelay);
            case "unicast_src_ip" -> d.unicastSrc = or(v.ip(n, 0, "unicast_src_ip"), d.unicastSrc);
            case "mcast_src_ip" -> d.mcastSrc = or(v.ip(n, 0, "mcast_src_ip"), d.mcastSrc);
            case "unicast_ttl" -> d.unicastTtl = intOr(v.integer(n, 0, 1, 255), d.unicastTtl);
            case "unicast_peer" -> unicastPeers(n, d);
            case "track_interface" -> {
                d.trackInterfaces.addAll(trackRefs(n, "track_interface"));
                lineTokens(n, d.trackInterfaceTokens);
            }
            case "track_script" -> {
                d.trackScripts.addAll(trackRefs(n, "track_script"));
                lineTokens(n, d.trackScriptTokens);
            }
            case "track_file" -> d.trackFiles.addAll(trackRefs(n, "track_file"));
            case "track_process" -> d.trackProcesses.addAll(trackRefs(n, "track_process"));
            case "track_bfd" -> d.trackBfds.addAll(trackRefs(n, "track_bfd"));
            case "notify_master", "notify_backup", "notify_fault", "notify_stop" ->
                    once(d.notify, n, "(" + d.name + ") ");
            case "notify_deleted" ->
                    d.notify[N_DELETED] = n.argCount() == 0 ? new NotifyScript("", null, null) : v.script(n);
            case "notify" -> once(d.notify, n, "vrrp group " + d.name + ": ");
            case "notify_master_rx_lower_pri" -> d.notify[N_RX_LOWER] = v.script(n);
            case "notify_priority_changes" -> d.notifyPriorityChanges = or(v.bool(n, 0), d.notifyPriorityChanges);
            case "smtp_alert" -> d.smtpAlert = or(v.bool(n, 0), d.smtpAlert);
            case "garp_master_delay" -> d.garpMasterDelay = or(v.seconds(n, 0, 0, 255), d.garpMasterDelay);
            case "garp_master_repeat" -> d.garpMasterRepeat = intOr(v.integer(n, 0, 0, 255), d.garpMasterRepeat);
            case "garp_master_refresh" ->
                    d.garpMasterRefresh = or(v.seconds(n, 0, 0, Integer.MAX_VALUE), d.garpMasterRefresh);
            case "garp_master_refresh_repeat" ->
                    d.garpMasterRefreshRepeat = intOr(v.integer(n, 0, 0, 255), d.garpMasterRefreshRepeat);
            case "garp_lower_prio_delay" -> d.garpLowerPrioDelay = or(v.seconds(n, 0, 0, 255), d.garpLowerPrioDelay);
            case "garp_lower_prio_repeat" ->
                    d.garpLowerPrioRepeat = intOr(v.integer(n, 0, 0, 255), d.garpLowerPrioRepeat);
            case "dont_track_primary" -> d.dontTrackPrimary = true;
            case "accept" -> d.accept = true;
            case "no_accept" -> d.accept = false;
            case "strict_mode" -> d.strict = or(v.bool(n, 0), d.strict);
            case "skip_check_adv_addr" -> d.skipCheckAdvAddr = or(v.bool(n, 0), d.skipCheckAdvAddr);
            case "promote_secondaries" -> d.promoteSecondaries = true;
            case "down_timer_adverts" -> d.downTimerAdverts = intOr(v.integer(n, 0, 1, 100), d.downTimerAdverts);
            case "lower_prio_no_advert" -> d.lowerPrioNoAdvert = or(v.bool(n, 0), d.lowerPrioNoAdvert);
            case "higher_prio_send_advert" -> d.higherPrioSendAdvert = or(v.bool(n, 0), d.higherPrioSendAdvert);
            case "use_vmac" -> {
                d.useVmac = true;
                d.vmacName = n.argText(0);
            }
            default -> throw INSTANCE.unhandled(n);
        }
    }

    /** virtual_ipaddress_excluded: interfaces checked here, as virtual_ipaddress's are in {@link Completer}. */
    private void excludedAddresses(Node n, InstanceDraft d) {
        List<IpAddressEntry> parsed = addresses.addresses(n);
        d.excluded.addAll(parsed);
        for (int k = 0; k < parsed.size(); k++) {
            IpAddressEntry e = parsed.get(k);
            Token at = parsed.size() == n.children().size() ? n.children().get(k).keyword() : null;
            if (e.device() != null) {
                String text = at != null ? at.text() : e.cidr().toString();
                ctx.interfaces().check(e.device(), at != null ? at.pos() : n.pos(),
                        "WARNING - interface " + e.device() + " for ip address " + text + " doesn't exist");
            }
        }
    }

    /** The first word of each line of a value block, for diagnostics raised after parsing. */
    private static void lineTokens(Node block, List<Token> out) {
        for (Node line : block.children()) {
            out.add(line.keyword());
        }
    }

    SyncGroupDraft syncGroup(Node n) {
        SyncGroupDraft d = new SyncGroupDraft();
        d.name = n.argText(0);
        d.node = n;
        for (Node c : n.children()) {
            if (SYNC_GROUP.accepts(c, ctx)) {
                syncGroupKeyword(c, d);
            }
        }
        return d;
    }

    private void syncGroupKeyword(Node n, SyncGroupDraft d) {
        switch (n.name()) {
            case "group" -> {
                for (Node line : n.children()) {
                    d.members.addAll(line.words());
                }
            }
            case "notify_master", "notify_backup", "notify_fault", "notify_stop" ->
                    once(d.notify, n, "vrrp group " + d.name + ": ");
            case "notify" -> d.notify[N_GENERIC] = v.script(n);
            case "smtp_alert" -> d.smtpAlert = or(v.bool(n, 0), d.smtpAlert);
            case "track_interface" -> d.trackInterfaces.addAll(trackRefs(n, "track_interface"));
            case "track_script" -> d.trackScripts.addAll(trackRefs(n, "track_script"));
            case "track_file" -> d.trackFiles.addAll(trackRefs(n, "track_file"));
            case "track_process" -> d.trackProcesses.addAll(trackRefs(n, "track_process"));
            case "sync_group_tracking_weight" -> d.trackingWeight = true;
            case "notify_priority_changes" -> d.notifyPriorityChanges = or(v.bool(n, 0), d.notifyPriorityChanges);
            default -> throw SYNC_GROUP.unhandled(n);
        }
    }

    GarpGroup garpGroup(Node n) {
        Duration garpInterval = Duration.ZERO;
        Duration gnaInterval = Duration.ZERO;
        List<String> interfaces = new ArrayList<>();
        for (Node c : n.children()) {
            if (GARP_GROUP.accepts(c, ctx)) {
                switch (c.name()) {
                    case "garp_interval" -> garpInterval = or(v.seconds(c, 0, 0, 1000), garpInterval);
                    case "gna_interval" -> gnaInterval = or(v.seconds(c, 0, 0, 1000), gnaInterval);
                    case "interface" -> {
                        if (v.word(c, 0) != null) {
                            garpInterface(c.arg(0), interfaces);
                        }
                    }
                    case "interfaces" -> {
                        for (Node line : c.children()) {
                            for (Token t : line.words()) {
                                garpInterface(t, interfaces);
                            }
                        }
                    }
                    default -> throw GARP_GROUP.unhandled(c);
                }
            }
        }
        if (interfaces.isEmpty()) {
            ctx.reporter().error(n.keyword(), "garp_group has no interfaces specified - ignoring");
            return null;
        }
        return new GarpGroup(garpInterval, gnaInterval, interfaces);
    }

    /**
     * keepalived keeps the first of a repeated notify script: "{prefix}notify_x script already specified".
     * {@code slots} is indexed by {@link #slot}.
     */
    private void once(NotifyScript[] slots, Node n, String prefix) {
        int slot = slot(n.name());
        if (slots[slot] != null) {
            ctx.reporter().error(n.keyword(), prefix + n.name() + " script already specified - ignoring "
                    + n.argText(0));
            return;
        }
        slots[slot] = v.script(n);
    }

    private static int slot(String notifyKeyword) {
        return switch (notifyKeyword) {
            case "notify_master" -> N_MASTER;
            case "notify_backup" -> N_BACKUP;
            case "notify_fault" -> N_FAULT;
            case "notify_stop" -> N_STOP;
            case "notify" -> N_GENERIC;
            default -> throw new IllegalArgumentException(notifyKeyword);
        };
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
        for (Node c : n.children()) {
            if (AUTHENTICATION.accepts(c, ctx)) {
                switch (c.name()) {
                    case "auth_type" -> {
                        String t = v.word(c, 0);
                        if ("PASS".equals(t)) {
                            d.authType = Authentication.Type.PASS;
                        } else if ("AH".equals(t)) {
                            d.authType = Authentication.Type.AH;
                        } else if (t != null) {
                            ctx.reporter().error(c.arg(0), "(" + d.name + ") unknown authentication type '" + t + "'");
                        }
                    }
                    case "auth_pass" -> {
                        String p = v.word(c, 0);
                        if (p != null && p.length() > 8) {
                            ctx.reporter().warning(c.arg(0), "Truncating auth_pass to 8 characters");
                            p = p.substring(0, 8);
                        }
                        if (p != null) {
                            d.authPass = p;
                        }
                    }
                    default -> throw AUTHENTICATION.unhandled(c);
                }
            }
        }
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
}
