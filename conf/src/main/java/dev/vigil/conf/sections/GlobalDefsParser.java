package dev.vigil.conf.sections;

import dev.vigil.conf.model.Defaults;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.LvsSyncDaemon;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.parse.Node;
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

    private final Ctx ctx;
    private final Values v;
    private final Section<Draft> section;

    GlobalDefsParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
        this.section = new Section<Draft>("global_defs", Keywords.GLOBAL_DEFS)
                .value("router_id", (n, d) -> set(v.word(n, 0), s -> d.routerId = s))
                .valueBlock("notification_email", (n, d) -> n.children().forEach(c -> c.words().forEach(
                        t -> d.emails.add(t.text()))))
                .value("notification_email_from", (n, d) -> set(v.word(n, 0), s -> d.emailFrom = s))
                .value("smtp_server", this::smtpServer)
                .value("smtp_connect_timeout", (n, d) -> set(v.seconds(n, 0, 1, 3600), x -> d.smtpConnectTimeout = x))
                .value("smtp_helo_name", (n, d) -> set(v.word(n, 0), s -> d.smtpHeloName = s))
                .value("smtp_alert", (n, d) -> set(v.bool(n, 0), b -> d.smtpAlert = b))
                .value("smtp_alert_vrrp", (n, d) -> set(v.bool(n, 0), b -> d.smtpAlertVrrp = b))
                .value("smtp_alert_checker", (n, d) -> set(v.bool(n, 0), b -> d.smtpAlertChecker = b))
                .value("no_email_faults", (n, d) -> d.noEmailFaults = true)
                .value("checker_log_all_failures", (n, d) -> set(v.bool(n, 0), b -> d.checkerLogAllFailures = b))
                .value("enable_script_security", (n, d) -> d.enableScriptSecurity = true)
                .value("script_user", (n, d) -> {
                    d.scriptUser = v.word(n, 0);
                    d.scriptGroup = n.argText(1);
                })
                .value("startup_script", (n, d) -> d.startupScript = v.script(n))
                .value("startup_script_timeout", (n, d) -> set(v.seconds(n, 0, 1, 1000), x -> d.startupScriptTimeout = x))
                .value("shutdown_script", (n, d) -> d.shutdownScript = v.script(n))
                .value("shutdown_script_timeout",
                        (n, d) -> set(v.seconds(n, 0, 1, 1000), x -> d.shutdownScriptTimeout = x))
                .value("vrrp_skip_check_adv_addr", (n, d) -> set(v.bool(n, 0), b -> d.skipCheckAdvAddr = b))
                .value("vrrp_strict", (n, d) -> d.strict = true)
                .value("vrrp_check_unicast_src", (n, d) -> d.checkUnicastSrc = true)
                .value("vrrp_version", (n, d) -> set(v.integer(n, 0, 2, 3), x -> d.version = x.intValue()))
                .value("vrrp_mcast_group4", (n, d) -> set(v.ip(n, 0, "vrrp_mcast_group4"), a -> d.mcast4 = a))
                .value("vrrp_mcast_group6", (n, d) -> set(v.ip(n, 0, "vrrp_mcast_group6"), a -> d.mcast6 = a))
                .value("vrrp_garp_interval", (n, d) -> set(v.seconds(n, 0, 0, 1000), x -> d.garpInterval = x))
                .value("vrrp_gna_interval", (n, d) -> set(v.seconds(n, 0, 0, 1000), x -> d.gnaInterval = x))
                .value("vrrp_garp_master_delay", (n, d) -> set(v.seconds(n, 0, 0, 1000), x -> d.garpMasterDelay = x))
                .value("vrrp_garp_master_repeat",
                        (n, d) -> set(v.integer(n, 0, 0, Integer.MAX_VALUE), x -> d.garpMasterRepeat = x.intValue()))
                .value("vrrp_garp_master_refresh",
                        (n, d) -> set(v.seconds(n, 0, 0, Integer.MAX_VALUE), x -> d.garpMasterRefresh = x))
                .value("vrrp_garp_master_refresh_repeat", (n, d) -> set(v.integer(n, 0, 0, Integer.MAX_VALUE),
                        x -> d.garpMasterRefreshRepeat = x.intValue()))
                .value("vrrp_garp_lower_prio_delay",
                        (n, d) -> set(v.seconds(n, 0, 0, 1000), x -> d.garpLowerPrioDelay = x))
                .value("vrrp_garp_lower_prio_repeat", (n, d) -> set(v.integer(n, 0, 0, Integer.MAX_VALUE),
                        x -> d.garpLowerPrioRepeat = x.intValue()))
                .value("vrrp_lower_prio_no_advert", (n, d) -> set(v.bool(n, 0), b -> d.lowerPrioNoAdvert = b))
                .value("vrrp_higher_prio_send_advert", (n, d) -> set(v.bool(n, 0), b -> d.higherPrioSendAdvert = b))
                .value("vrrp_down_timer_adverts",
                        (n, d) -> set(v.integer(n, 0, 1, 100), x -> d.downTimerAdverts = x.intValue()))
                .value("vrrp_startup_delay", (n, d) -> set(v.seconds(n, 0, 0, 3600), x -> d.startupDelay = x))
                .value("default_interface", (n, d) -> set(v.word(n, 0), s -> d.defaultInterface = s))
                .value("vrrp_notify_priority_changes", (n, d) -> set(v.bool(n, 0), b -> d.notifyPriorityChanges = b))
                .value("notify_fifo", (n, d) -> d.notifyFifo = v.script(n))
                .value("vrrp_notify_fifo", (n, d) -> d.vrrpNotifyFifo = v.script(n))
                .value("lvs_notify_fifo", (n, d) -> d.lvsNotifyFifo = v.script(n))
                .value("lvs_sync_daemon", this::lvsSyncDaemon)
                .value("lvs_flush", (n, d) -> d.lvsFlush = true)
                .value("lvs_flush_on_stop", (n, d) -> d.lvsFlushOnStop = true)
                .value("lvs_flush_onstop", (n, d) -> d.lvsFlushOnStop = true)
                .value("lvs_timeouts", this::lvsTimeouts)
                .value("enable_traps", (n, d) -> d.enableTraps = true)
                .value("enable_snmp_vrrp", (n, d) -> d.snmpVrrp = true)
                .value("enable_snmp_checker", (n, d) -> d.snmpChecker = true)
                .value("enable_dbus", (n, d) -> d.dbus = true);
    }

    void parse(Node block, Draft d) {
        section.apply(block.children(), d, ctx);
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
                case "id" -> id = opt(v.integer(n.arg(i + 1), 0, 255), id);
                case "maxlen" -> maxLen = opt(v.integer(n.arg(i + 1), 1, 65535 - 20 - 8), maxLen);
                case "port" -> port = opt(v.integer(n.arg(i + 1), 1, 65535), port);
                case "ttl" -> ttl = opt(v.integer(n.arg(i + 1), 1, 255), ttl);
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

    private static int opt(Long value, int fallback) {
        return value == null ? fallback : value.intValue();
    }

    static <T> void set(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
