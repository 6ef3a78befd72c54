package dev.vigil.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.notify.LvsNames;
import dev.vigil.notify.NotifyState;
import java.net.InetAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertMessageTest {
    private static final Instant AT = Instant.parse("2026-11-21T04:13:45Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MASTER|[NODE1] VRRP Instance VI_1 - Entering MASTER state|=> VRRP Instance is now owning VRRP VIPs <=",
        "BACKUP|[NODE1] VRRP Instance VI_1 - Entering BACKUP state|=> VRRP Instance is no longer owning VRRP VIPs <=",
        "FAULT|[NODE1] VRRP Instance VI_1 - Entering FAULT state|=> VRRP Instance is no longer owning VRRP VIPs <=",
        "STOP|[NODE1] VRRP Instance VI_1 - Stopping|=> VRRP Instance stopping <=",
        "DELETED|[NODE1] VRRP Instance VI_1 - Deleted|=> VRRP Deleted at reload <=",
    })
    void instanceTexts(NotifyState state, String subject, String body) {
        AlertMessage m = AlertMessage.vrrpInstance("NODE1", "VI_1", state, AT);
        assertEquals(subject, m.subject());
        assertEquals(body, m.body());
        assertEquals("instance VI_1", m.source());
        assertEquals(AT, m.raisedAt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MASTER|[R] VRRP Group G1 - Entering MASTER state|=> All VRRP group instances are now in MASTER state <=",
        "BACKUP|[R] VRRP Group G1 - Entering BACKUP state|=> All VRRP group instances are now in BACKUP state <=",
        "FAULT|[R] VRRP Group G1 - Entering FAULT state|=> All VRRP group instances are now in FAULT state <=",
        "STOP|[R] VRRP Group G1 - Stopping|=> All VRRP group instances are now stopping <=",
    })
    void groupTexts(NotifyState state, String subject, String body) {
        AlertMessage m = AlertMessage.vrrpGroup("R", "G1", state, AT);
        assertEquals(subject, m.subject());
        assertEquals(body, m.body());
    }

    @Test
    void groupsHaveNoDeletedMail() {
        assertThrows(IllegalArgumentException.class,
                () -> AlertMessage.vrrpGroup("R", "G1", NotifyState.DELETED, AT));
    }

    @Test
    void noRouterIdMeansNoPrefix() {
        assertEquals("VRRP Instance VI_1 - Entering MASTER state",
                AlertMessage.vrrpInstance(null, "VI_1", NotifyState.MASTER, AT).subject());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TCP|SUCCEEDED||=> TCP CHECK succeed on service <=",
        "TCP|FAILED||=> TCP CHECK failed on service <=",
        "HTTP|SUCCEEDED||=> CHECK succeed on service <=",
        "HTTP|FAILED||=> CHECK failed on service : HTTP request failed <=",
        "SSL|FAILED||=> CHECK failed on service : HTTP request failed <=",
        "SMTP|SUCCEEDED||=> CHECK succeed on service <=",
        "SMTP|FAILED|Error connecting to server|=> CHECK failed on service : Error connecting to server <=",
        "MISC|SUCCEEDED||=> MISC CHECK succeeded on service <=",
        "MISC|FAILED||=> MISC CHECK failed on service <=",
        "MISC|TIMED_OUT||=> MISC CHECK timed out on service <=",
        "DNS|SUCCEEDED||=> DNS_CHECK: succeed on service <=",
        "DNS|FAILED||=> DNS_CHECK: failed on service <=",
        "PING|SUCCEEDED||=> ICMP CHECK succeed on service <=",
        "PING|FAILED||=> ICMP CHECK failed on service <=",
        "UDP|SUCCEEDED||=> UDP CHECK succeed on service <=",
        "UDP|FAILED||=> UDP CHECK failed on service <=",
        "FILE|SUCCEEDED||=> FILE CHECK succeed on service <=",
        "FILE|FAILED||=> FILE CHECK failed on service <=",
        "BFD|SUCCEEDED|bfd1|=> BFD CHECK bfd1 succeeded on service <=",
        "BFD|FAILED|bfd1|=> BFD CHECK bfd1 failed on service <=",
    })
    void checkerBodies(CheckerKind kind, CheckVerdict verdict, String detail, String body) {
        AlertMessage m = AlertMessage.realServerCheck("LB1", "[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80",
                verdict == CheckVerdict.SUCCEEDED, kind, verdict, detail, AT);
        assertEquals(body, m.body());
        assertEquals("[LB1] Realserver [192.168.1.2]:tcp:80 of virtual server [10.0.0.1]:tcp:80 - "
                + (verdict == CheckVerdict.SUCCEEDED ? "UP" : "DOWN"), m.subject());
    }

    @Test
    void subjectFollowsRealServerAlivenessNotTheChecker() {
        AlertMessage m = AlertMessage.realServerCheck("LB1", "[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80", false,
                CheckerKind.TCP, CheckVerdict.SUCCEEDED, null, AT);
        assertEquals("[LB1] Realserver [192.168.1.2]:tcp:80 of virtual server [10.0.0.1]:tcp:80 - DOWN", m.subject());
        assertEquals("=> TCP CHECK succeed on service <=", m.body());
    }

    @Test
    void realServerRemovedAtReloadAndShutdown() {
        AlertMessage reload = AlertMessage.realServerRemoved("LB1", "[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80",
                false, AT);
        AlertMessage stop = AlertMessage.realServerRemoved("LB1", "[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80",
                true, AT);
        assertEquals("[LB1] Realserver [192.168.1.2]:tcp:80 of virtual server [10.0.0.1]:tcp:80 - DOWN",
                reload.subject());
        assertEquals("=> Removing <=", reload.body());
        assertEquals("=> Shutting down <=", stop.body());
    }

    @Test
    void quorumTexts() {
        AlertMessage gained = AlertMessage.virtualServerQuorum("LB1", "[10.0.0.1]:tcp:80", QuorumChange.GAINED,
                1, 0, 1, 2, AT);
        assertEquals("[LB1] Virtualserver [10.0.0.1]:tcp:80 - UP", gained.subject());
        assertEquals("=> Gained quorum 1+0=1 <= 2 <=", gained.body());
        AlertMessage lost = AlertMessage.virtualServerQuorum("LB1", "FWM 5", QuorumChange.LOST, 3, 1, 2, 1, AT);
        assertEquals("[LB1] Virtualserver FWM 5 - DOWN", lost.subject());
        assertEquals("=> Lost quorum 3+1=2 <= 1 <=", lost.body());
        assertEquals("=> Starting with quorum up 1+0=1 <= 1 <=", AlertMessage.virtualServerQuorum("LB1", "x",
                QuorumChange.STARTING_UP, 1, 0, 1, 1, AT).body());
        assertEquals("=> Starting with quorum down 2+0=2 <= 0 <=", AlertMessage.virtualServerQuorum("LB1", "x",
                QuorumChange.STARTING_DOWN, 2, 0, 2, 0, AT).body());
        AlertMessage shut = AlertMessage.virtualServerShutdown("LB1", "[10.0.0.1]:tcp:80", AT);
        assertEquals("[LB1] Virtualserver [10.0.0.1]:tcp:80 - DOWN", shut.subject());
        assertEquals("=> Shutting down <=", shut.body());
    }

    @Test
    void keepalivedLengthLimits() {
        String longName = "x".repeat(400);
        AlertMessage m = AlertMessage.general("R", "s", longName, longName + longName, AT);
        assertEquals(255, m.subject().length());
        assertEquals(511, m.body().length());
    }

    @Test
    void lvsNames() throws Exception {
        assertEquals("[10.0.0.1]:tcp:80", LvsNames.service(InetAddress.getByName("10.0.0.1"), "tcp", 80));
        assertEquals("[2001:db8::1]:udp:53", LvsNames.service(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), "udp", 53));
        assertEquals("[::1]:tcp:80", LvsNames.service(InetAddress.getByName("::1"), "tcp", 80));
        assertEquals("[fe80::1:0:0:2]:tcp:80", LvsNames.service(InetAddress.getByName("fe80:0:0:0:1:0:0:2"), "tcp", 80));
        assertEquals("FWM 5", LvsNames.fwmark(5));
        assertEquals("[web]:443", LvsNames.group("web", 443));
    }
}
