package dev.vigil.notify.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.notify.NotifyState;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {
    @Test
    void keepalivedDefaults() {
        AlertPolicy p = AlertPolicy.defaults();
        assertFalse(p.vrrpAlerts(null), "VRRP mail is off unless smtp_alert is set");
        assertFalse(p.virtualServerAlerts(null));
        assertTrue(p.realServerAlerts(null), "real servers mail by default");
        assertTrue(p.vrrpAlerts(true));
        assertFalse(p.realServerAlerts(false));
    }

    @Test
    void resolutionOrder() {
        AlertPolicy global = new AlertPolicy(true, null, null, false, false, false);
        assertTrue(global.vrrpAlerts(null));
        assertTrue(global.virtualServerAlerts(null));
        AlertPolicy kindWins = new AlertPolicy(true, false, false, false, false, false);
        assertFalse(kindWins.vrrpAlerts(null));
        assertFalse(kindWins.realServerAlerts(null));
        assertTrue(kindWins.vrrpAlerts(true), "per-object smtp_alert wins");
        AlertPolicy globalOff = new AlertPolicy(false, null, null, false, false, false);
        assertFalse(globalOff.realServerAlerts(null));
    }

    @Test
    void vrrpMailsOnlyOnStateChangeAndHonoursNoEmailFaults() {
        AlertPolicy p = new AlertPolicy(true, null, null, false, false, false);
        assertTrue(p.mailVrrpState(null, NotifyState.MASTER, null));
        assertFalse(p.mailVrrpState(null, NotifyState.MASTER, NotifyState.MASTER));
        assertTrue(p.mailVrrpState(null, NotifyState.FAULT, NotifyState.MASTER));
        AlertPolicy noFaults = new AlertPolicy(true, null, null, true, false, false);
        assertFalse(noFaults.mailVrrpState(null, NotifyState.FAULT, NotifyState.MASTER));
        assertTrue(noFaults.mailVrrpState(null, NotifyState.BACKUP, NotifyState.MASTER));
    }

    @Test
    void checkerMails() {
        AlertPolicy p = AlertPolicy.defaults();
        assertTrue(p.mailCheckerChange(null, CheckerKind.TCP, true, false));
        assertFalse(p.mailCheckerChange(null, CheckerKind.TCP, false, false), "no change, no mail");
        AlertPolicy noChecker = new AlertPolicy(null, null, null, false, true, false);
        assertFalse(noChecker.mailCheckerChange(null, CheckerKind.TCP, true, false));
        assertTrue(noChecker.mailCheckerChange(null, CheckerKind.TCP, true, true));
        assertFalse(p.mailCheckerChange(null, CheckerKind.FILE, true, true), "keepalived 2.2.7 never mails FILE_CHECK");
        assertTrue(new AlertPolicy(null, null, null, false, false, true)
                .mailCheckerChange(null, CheckerKind.FILE, true, true));
    }
}
