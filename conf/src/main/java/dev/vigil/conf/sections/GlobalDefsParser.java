package dev.vigil.conf.sections;

import static dev.vigil.conf.sections.Values.intOr;
import static dev.vigil.conf.sections.Values.or;

import dev.vigil.conf.model.Defaults;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.LvsSyncDaemon;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Token;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** global_defs (keepalived/core/global_parser.c). */
final class GlobalDefsParser {
    /** Mutable draft, initialised with keepalived's defaults. */
    static final class Draft {
        String routerId = Defaults.hostName();
        List<String> emails = new ArrayList<>();
        String emailFrom = Defaults.emailFrom();
        String smtpServer;
        int smtpPort = Defaults.SMTP_PORT;
        Duration smtpConnectTimeout = Defaults.SMTP_CONNECT_TIMEOUT;
        String smtpHeloName = Defaults.hostName();
        Boolean smtpAlert;
        Boolean smtpAlertVrrp;
        Boolean smtpAlertChecker;
        boolean noEmailFaults;
        boolean checkerLogAllFailures;
        boolean enableScriptSecurity;
        String scriptUser;
        String scriptGroup;
        NotifyScript startupScript;
        Duration startupScriptTimeout = Defaults.SCRIPT_TIMEOUT;
        NotifyScript shutdownScript;
        Duration shutdownScriptTimeout = Defaults.SCRIPT_TIMEOUT;
        boolean skipCheckAdvAddr;
        boolean strict;
        boolean checkUnicastSrc;
        int version = 2;
        InetAddress mcast4 = Defaults.MCAST_GROUP4;
        InetAddress mcast6 = Defaults.MCAST_GROUP6;
        Duration garpInterval = Duration.ZERO;
        Duration gnaInterval = Duration.ZERO;
        Duration garpMasterDelay = Defaults.GARP_MASTER_DELAY;
        int garpMasterRepeat = Defaults.GARP_MASTER_REPEAT;
        Duration garpMasterRefresh = Duration.ZERO;
        int garpMasterRefreshRepeat = Defaults.GARP_REFRESH_REPEAT;
        Duration garpLowerPrioDelay;
        Integer garpLowerPrioRepeat;
        boolean lowerPrioNoAdvert;
        boolean higherPrioSendAdvert;
        int downTimerAdverts = Defaults.DOWN_TIMER_ADVERTS;
        Duration startupDelay = Duration.ZERO;
        String defaultInterface = Defaults.DEFAULT_INTERFACE;
        boolean notifyPriorityChanges;
        NotifyScript notifyFifo;
        NotifyScript vrrpNotifyFifo;
        NotifyScript lvsNotifyFifo;
        LvsSyncDaemon lvsSyncDaemon;
        boolean lvsFlush;
        boolean lvsFlushOnStop;
        Duration lvsTcp;
        Duration lvsTcpFin;
        Duration lvsUdp;
        boolean enableTraps;
        boolean snmpVrrp;
        boolean snmpChecker;
        boolean dbus;
        String instance;
        String netNamespace;

        GlobalDefs build() {
            return new GlobalDefs(routerId, emails, emailFrom, smtpServer, smtpPort, smtpConnectTimeout, smtpHeloName,
                    smtpAlert, smtpAlertVrrp, smtpAlertChecker, noEmailFaults, checkerLogAllFailures,
                    enableScriptSecurity, scriptUser, scriptGroup, startupScript, startupScriptTimeout,
                    shutdownScript, shutdownScriptTimeout, skipCheckAdvAddr, strict, checkUnicastSrc, version,
                    mcast4, mcast6, garpInterval, gnaInterval, garpMasterDelay, garpMasterRepeat, garpMasterRefresh,
                    garpMasterRefreshRepeat, garpLowerPrioDelay != null ? garpLowerPrioDelay : garpMasterDelay,
                    garpLowerPrioRepeat != null ? garpLowerPrioRepeat : garpMasterRepeat, lowerPrioNoAdvert,
                    higherPrioSendAdvert, downTimerAdverts, startupDelay, defaultInterface, notifyPriorityChanges,
                    notifyFifo, vrrpNotifyFifo, lvsNotifyFifo, lvsSyncDaemon, lvsFlush, lvsFlushOnStop, lvsTcp,
                    lvsTcpFin, lvsUdp, enableTraps, snmpVrrp, snmpChecker, dbus, instance, netNamespace);
        }
    }

    private static final Section SECTION = new Section("global_defs", Keywords.GLOBAL_DEFS)
            .values("router_id", "notification_email_from", "smtp_server", "smtp_connect_timeout", "smtp_helo_name",
                    "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker", "no_email_faults",
                    "checker_log_all_failures", "enable_script_security", "script_user", "startup_script",
                    "startup_script_timeout", "shutdown_script", "shutdown_script_timeout",
                    "vrrp_skip_check_adv_addr", "vrrp_strict", "vrrp_check_unicast_src", "vrrp_version",
                    "vrrp_mcast_group4", "vrrp_mcast_group6", "vrrp_garp_interval", "vrrp_gna_interval",
                    "vrrp_garp_master_delay", "vrrp_garp_master_repeat", "vrrp_garp_master_refresh",
                    "vrrp_garp_master_refresh_repeat", "vrrp_garp_lower_prio_delay", "vrrp_garp_lower_prio_repeat",
                    "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert", "vrrp_down_timer_adverts",
                    "vrrp_startup_delay", "default_interface", "vrrp_notify_priority_changes", "notify_fifo",
                    "vrrp_notify_fifo", "lvs_notify_fifo", "lvs_sync_daemon", "lvs_flush", "lvs_flush_on_stop",
                    "lvs_flush_onstop", "lvs_timeouts", "enable_traps", "enable_snmp_vrrp", "enable_snmp_checker",
                    "enable_dbus")
            .valueBlocks("notification_email");

    private final Ctx ctx;
    private final Values v;

    GlobalDefsParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    void parse(Node block, Draft d) {
        for (Node n : block.children()) {
            if (SECTION.accepts(n, ctx)) {
                keyword(n, d);
            }
        }
    }

    private void keyword(Node n, Draft d) {
        switch (n.name()) {
            case "router_id" -> d.routerId = or(v.word(n, 0), d.routerId);
            case "notification_email" -> {
                for (Node line : n.children()) {
                    for (Token t : line.words()) {
                        d.emails.add(t.text());
                    }
                }
            }
            case "notification_email_from" -> d.emailFrom = or(v.word(n, 0), d.emailFrom);
            case "smtp_server" -> smtpServer(n, d);
            case "smtp_connect_timeout" -> d.smtpConnectTimeout = or(v.seconds(n, 0, 1, 3600), d.smtpConnectTimeout);
            case "smtp_helo_name" -> d.smtpHeloName = or(v.word(n, 0), d.smtpHeloName);
            case "smtp_alert" -> d.smtpAlert = or(v.bool(n, 0), d.smtpAlert);
            case "smtp_alert_vrrp" -> d.smtpAlertVrrp = or(v.bool(n, 0), d.smtpAlertVrrp);
            case "smtp_alert_checker" -> d.smtpAlertChecker = or(v.bool(n, 0), d.smtpAlertChecker);
            case "no_email_faults" -> d.noEmailFaults = true;
            case "checker_log_all_failures" -> d.checkerLogAllFailures = or(v.bool(n, 0), d.checkerLogAllFailures);
            case "enable_script_security" -> d.enableScriptSecurity = true;
            case "script_user" -> {
                d.scriptUser = v.word(n, 0);
                d.scriptGroup = n.argText(1);
            }
            case "startup_script" -> d.startupScript = v.script(n);
            case "startup_script_timeout" ->
                    d.startupScriptTimeout = or(v.seconds(n, 0, 1, 1000), d.startupScriptTimeout);
            case "shutdown_script" -> d.shutdownScript = v.script(n);
            case "shutdown_script_timeout" ->
                    d.shutdownScriptTimeout = or(v.seconds(n, 0, 1, 1000), d.shutdownScriptTimeout);
            case "vrrp_skip_check_adv_addr" -> d.skipCheckAdvAddr = or(v.bool(n, 0), d.skipCheckAdvAddr);
            case "vrrp_strict" -> d.strict = true;
            case "vrrp_check_unicast_src" -> d.checkUnicastSrc = true;
            case "vrrp_version" -> d.version = intOr(v.integer(n, 0, 2, 3), d.version);
            case "vrrp_mcast_group4" -> d.mcast4 = or(v.ip(n, 0, "vrrp_mcast_group4"), d.mcast4);
            case "vrrp_mcast_group6" -> d.mcast6 = or(v.ip(n, 0, "vrrp_mcast_group6"), d.mcast6);
            case "vrrp_garp_interval" -> d.garpInterval = or(v.seconds(n, 0, 0, 1000), d.garpInterval);
            case "vrrp_gna_interval" -> d.gnaInterval = or(v.seconds(n, 0, 0, 1000), d.gnaInterval);
            case "vrrp_garp_master_delay" -> d.garpMasterDelay = or(v.seconds(n, 0, 0, 1000), d.garpMasterDelay);
            case "vrrp_garp_master_repeat" ->
                    d.garpMasterRepeat = intOr(v.integer(n, 0, 0, Integer.MAX_VALUE), d.garpMasterRepeat);
            case "vrrp_garp_master_refresh" ->
                    d.garpMasterRefresh = or(v.seconds(n, 0, 0, Integer.MAX_VALUE), d.garpMasterRefresh);
            case "vrrp_garp_master_refresh_repeat" ->
                    d.garpMasterRefreshRepeat = intOr(v.integer(n, 0, 0, Integer.MAX_VALUE), d.garpMasterRefreshRepeat);
            case "vrrp_garp_lower_prio_delay" ->
                    d.garpLowerPrioDelay = or(v.seconds(n, 0, 0, 1000), d.garpLowerPrioDelay);
            case "vrrp_garp_lower_prio_repeat" ->
                    d.garpLowerPrioRepeat = intOr(v.integer(n, 0, 0, Integer.MAX_VALUE), d.garpLowerPrioRepeat);
            case "vrrp_lower_prio_no_advert" -> d.lowerPrioNoAdvert = or(v.bool(n, 0), d.lowerPrioNoAdvert);
            case "vrrp_higher_prio_send_advert" -> d.higherPrioSendAdvert = or(v.bool(n, 0), d.higherPrioSendAdvert);
            case "vrrp_down_timer_adverts" -> d.downTimerAdverts = intOr(v.integer(n, 0, 1, 100), d.downTimerAdverts);
            case "vrrp_startup_delay" -> d.startupDelay = or(v.seconds(n, 0, 0, 3600), d.startupDelay);
            case "default_interface" -> d.defaultInterface = or(v.word(n, 0), d.defaultInterface);
            case "vrrp_notify_priority_changes" -> d.notifyPriorityChanges = or(v.bool(n, 0), d.notifyPriorityChanges);
            case "notify_fifo" -> d.notifyFifo = v.script(n);
            case "vrrp_notify_fifo" -> d.vrrpNotifyFifo = v.script(n);
            case "lvs_notify_fifo" -> d.lvsNotifyFifo = v.script(n);
            case "lvs_sync_daemon" -> lvsSyncDaemon(n, d);
            case "lvs_flush" -> d.lvsFlush = true;
            case "lvs_flush_on_stop", "lvs_flush_onstop" -> d.lvsFlushOnStop = true;
            case "lvs_timeouts" -> lvsTimeouts(n, d);
            case "enable_traps" -> d.enableTraps = true;
            case "enable_snmp_vrrp" -> d.snmpVrrp = true;
            case "enable_snmp_checker" -> d.snmpChecker = true;
            case "enable_dbus" -> d.dbus = true;
            default -> throw SECTION.unhandled(n);
        }
    }

    /** Top-level {@code instance NAME} and {@code net_namespace NAME}. */
    void rootKeyword(Node n, Draft d) {
        if (n.name().equals("instance")) {
            d.instance = v.word(n, 0);
        } else {
            d.netNamespace = v.word(n, 0);
        }
    }

    private void smtpServer(Node n, Draft d) {
        String host = v.word(n, 0);
        if (host == null) {
            return;
        }
        d.smtpServer = host;
        if (n.arg(1) != null) {
            Integer port = v.port(n.arg(1));
            if (port != null) {
                d.smtpPort = port;
            }
        }
    }

    private void lvsSyncDaemon(Node n, Draft d) {
        String ifname = v.word(n, 0);
        if (ifname == null) {
            return;
        }
        // keepalived only finds out when the sync daemon fails to start; Vigil says so at load, as for other interfaces
        ctx.interfaces().check(ifname, n.arg(0).pos(), "WARNING - interface " + ifname
                + " for lvs_sync_daemon doesn't exist");
        String vi = null;
        int id = 0;
        int maxLen = 0;
        int port = 8848;
        int ttl = 0;
        InetAddress group = Defaults.LVS_SYNC_GROUP;
        int i = 1;
        if (n.arg(1) != null && !List.of("id", "maxlen", "port", "ttl", "group").contains(n.argText(1))) {
            vi = n.argText(1);
            i = 2;
        }
        for (; i < n.argCount(); i += 2) {
            String opt = n.argText(i);
            if (n.arg(i + 1) == null) {
                ctx.reporter().error(n.arg(i), "lvs_sync_daemon option '" + opt + "' needs a value");
                break;
            }
            switch (opt) {
                case "id" -> id = intOr(v.integer(n.arg(i + 1), 0, 255), id);
                case "maxlen" -> maxLen = intOr(v.integer(n.arg(i + 1), 1, 65535 - 20 - 8), maxLen);
                case "port" -> port = intOr(v.integer(n.arg(i + 1), 1, 65535), port);
                case "ttl" -> ttl = intOr(v.integer(n.arg(i + 1), 1, 255), ttl);
                case "group" -> {
                    InetAddress g = v.ip(n.arg(i + 1), "lvs_sync_daemon group");
                    if (g != null) {
                        group = g;
                    }
                }
                default -> ctx.reporter().error(n.arg(i), "Unknown option '" + opt + "' specified for lvs_sync_daemon");
            }
        }
        d.lvsSyncDaemon = new LvsSyncDaemon(ifname, vi, id, maxLen, port, ttl, group);
    }

    private void lvsTimeouts(Node n, Draft d) {
        for (int i = 0; i < n.argCount(); i += 2) {
            String opt = n.argText(i);
            if (n.arg(i + 1) == null) {
                ctx.reporter().error(n.arg(i), "No value specified for lvs_timeout " + opt + " - ignoring");
                break;
            }
            Duration t = v.seconds(n.arg(i + 1), 0, 86400 * 31);
            switch (opt) {
                case "tcp" -> d.lvsTcp = t;
                case "tcpfin" -> d.lvsTcpFin = t;
                case "udp" -> d.lvsUdp = t;
                default -> ctx.reporter().error(n.arg(i), "Unknown option " + opt + " specified for lvs_timeouts");
            }
        }
    }
}
