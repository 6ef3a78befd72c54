package dev.vigil.conf.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * global_defs with keepalived's defaults. Booleans that are tri-state in keepalived (smtp_alert*) are nullable:
 * null = not configured.
 */
public record GlobalDefs(String routerId, List<String> notificationEmail, String notificationEmailFrom,
        String smtpServer, int smtpPort, Duration smtpConnectTimeout, String smtpHeloName,
        Boolean smtpAlert, Boolean smtpAlertVrrp, Boolean smtpAlertChecker, boolean noEmailFaults,
        boolean checkerLogAllFailures,
        boolean enableScriptSecurity, String scriptUser, String scriptGroup,
        NotifyScript startupScript, Duration startupScriptTimeout, NotifyScript shutdownScript,
        Duration shutdownScriptTimeout,
        boolean vrrpSkipCheckAdvAddr, boolean vrrpStrict, boolean vrrpCheckUnicastSrc, int vrrpVersion,
        InetAddress vrrpMcastGroup4, InetAddress vrrpMcastGroup6,
        Duration vrrpGarpInterval, Duration vrrpGnaInterval, Duration vrrpGarpMasterDelay, int vrrpGarpMasterRepeat,
        Duration vrrpGarpMasterRefresh, int vrrpGarpMasterRefreshRepeat, Duration vrrpGarpLowerPrioDelay,
        int vrrpGarpLowerPrioRepeat, boolean vrrpLowerPrioNoAdvert, boolean vrrpHigherPrioSendAdvert,
        int vrrpDownTimerAdverts, Duration vrrpStartupDelay, String defaultInterface,
        boolean vrrpNotifyPriorityChanges, NotifyScript notifyFifo, NotifyScript vrrpNotifyFifo,
        NotifyScript lvsNotifyFifo,
        LvsSyncDaemon lvsSyncDaemon, boolean lvsFlush, boolean lvsFlushOnStop, Duration lvsTimeoutTcp,
        Duration lvsTimeoutTcpFin, Duration lvsTimeoutUdp,
        boolean enableTraps, boolean enableSnmpVrrp, boolean enableSnmpChecker, boolean enableDbus,
        String instance, String netNamespace) {
    public GlobalDefs {
        notificationEmail = List.copyOf(notificationEmail);
    }
}
