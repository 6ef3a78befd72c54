package dev.vigil.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.model.Authentication;
import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.ForwardingMethod;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerAddress;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid fixtures parse to the values keepalived 2.2.7 would use. */
class ValidConfigsTest {

    private static KeepalivedConfig clean(String fixture) {
        LoadResult r = Fixtures.load(fixture);
        assertEquals(List.of(), r.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).toList(),
                fixture);
        assertEquals(0, r.configTestExitCode());
        return r.config();
    }

    @Test
    void lvsDrMasterDirector() {
        KeepalivedConfig c = clean("valid/lvs-dr-master.conf");
        assertEquals("LVS_DEVEL_1", c.globalDefs().routerId());
        assertEquals(List.of("admin@example.com", "ops@example.com"), c.globalDefs().notificationEmail());
        assertEquals("lvs1@example.com", c.globalDefs().notificationEmailFrom());
        assertEquals("192.168.200.1", c.globalDefs().smtpServer());
        assertEquals(25, c.globalDefs().smtpPort());
        VrrpInstance vi = c.vrrpInstance("VI_1").orElseThrow();
        assertEquals(VrrpState.MASTER, vi.state());
        assertEquals(150, vi.priority());
        assertEquals(51, vi.virtualRouterId());
        assertEquals("eth0", vi.interfaceName());
        assertEquals(Duration.ofSeconds(1), vi.advertInterval());
        assertEquals(new Authentication(Authentication.Type.PASS, "1111"), vi.authentication());
        assertEquals("192.168.200.16/32", vi.virtualIpAddresses().get(0).cidr().toString());
        assertEquals("192.168.200.17/24", vi.virtualIpAddresses().get(1).cidr().toString());
        assertEquals("eth0:1", vi.virtualIpAddresses().get(1).label());
        VirtualServer vs = c.virtualServers().get(0);
        assertEquals("[192.168.200.16]:80", vs.address().toString());
        assertEquals(Duration.ofSeconds(6), vs.delayLoop());
        assertEquals("rr", vs.scheduler());
        assertEquals(ForwardingMethod.DR, vs.method());
        assertEquals(Duration.ofSeconds(50), vs.persistenceTimeout());
        RealServer rs0 = vs.realServers().get(0);
        Checker.HttpCheck http = assertInstanceOf(Checker.HttpCheck.class, rs0.checkers().get(0));
        assertEquals("/testurl/test.jsp", http.urls().get(0).path());
        assertEquals("640205b7b0fc66c1ea91c463fac6334d", http.urls().get(0).digest());
        assertEquals(200, http.urls().get(1).statusCodes().get(0).from());
        assertEquals(3, http.common().retry());
        assertEquals(Duration.ofSeconds(3), http.common().connectTimeout());
        assertEquals(80, http.common().connectPort());
        RealServer rs1 = vs.realServers().get(1);
        assertEquals(2, rs1.weight());
        Checker.TcpCheck tcp = assertInstanceOf(Checker.TcpCheck.class, rs1.checkers().get(0));
        assertEquals(Duration.ofSeconds(4), tcp.common().connectTimeout());
        assertEquals(1, tcp.common().retry());
    }

    @Test
    void lvsDrBackupDirector() {
        KeepalivedConfig c = clean("valid/lvs-dr-backup.conf");
        VrrpInstance vi = c.vrrpInstance("VI_1").orElseThrow();
        assertEquals(VrrpState.BACKUP, vi.state());
        assertEquals(100, vi.priority());
        assertEquals("LVS_DEVEL_2", c.globalDefs().routerId());
        assertEquals(2, c.virtualServers().get(0).realServers().size());
    }

    @Test
    void keepalivedDefaults() {
        LoadResult r = Fixtures.load("valid/defaults.conf");
        // keepalived applies the LVS defaults with a warning each, so -t exits 5 for this file.
        assertEquals(List.of(
                "16:16: error: Virtual server [10.0.0.7]:none:443: no protocol set - defaulting to UDP",
                "16:16: error: Virtual server [10.0.0.7]:udp:443: no scheduler set, setting default 'wlc'",
                "16:16: error: Virtual server [10.0.0.7]:udp:443: no forwarding method set, setting default NAT"),
                Fixtures.diags(r));
        assertEquals(5, r.configTestExitCode());
        KeepalivedConfig c = r.config();
        assertEquals(255, c.vrrpInstance("VI_DEF").orElseThrow().priority(), "state MASTER without priority");
        VrrpInstance second = c.vrrpInstance("VI_DEF2").orElseThrow();
        assertEquals(100, second.priority());
        assertEquals(VrrpState.BACKUP, second.state());
        assertNull(second.authentication());
        assertTrue(second.accept());
        assertEquals(Duration.ofSeconds(5), second.garp().masterDelay());
        VirtualServer vs = c.virtualServers().get(0);
        assertEquals(Duration.ofSeconds(60), vs.delayLoop());
        assertEquals("wlc", vs.scheduler());
        assertEquals(ForwardingMethod.NAT, vs.method());
        assertEquals("UDP", vs.protocol(), "keepalived's default when protocol is omitted");
        assertEquals(Duration.ofSeconds(360), vs.persistenceTimeout());
        RealServer rs = vs.realServers().get(0);
        assertEquals(1, rs.weight());
        assertTrue(rs.smtpAlert(), "real-server smtp_alert defaults on");
        List<Checker> ch = rs.checkers();
        assertEquals(Duration.ofSeconds(5), ch.get(0).common().connectTimeout());
        assertEquals(1, ch.get(0).common().retry());
        assertEquals(Duration.ofSeconds(1), ch.get(0).common().delayBeforeRetry());
        assertEquals(Duration.ofSeconds(3), ch.get(1).common().delayBeforeRetry(), "HTTP_GET");
        Checker.HttpCheck ssl = assertInstanceOf(Checker.HttpCheck.class, ch.get(2));
        assertTrue(ssl.ssl());
        assertEquals(List.of(new dev.vigil.conf.model.UrlCheck.StatusRange(200, 204),
                new dev.vigil.conf.model.UrlCheck.StatusRange(301, 301)), ssl.urls().get(0).statusCodes());
        assertEquals(200, ((Checker.HttpCheck) ch.get(1)).urls().get(0).statusCodes().get(0).from());
        Checker.DnsCheck dns = assertInstanceOf(Checker.DnsCheck.class, ch.get(3));
        assertEquals(3, dns.common().retry());
        assertEquals("SOA", dns.type());
        assertEquals(Duration.ofSeconds(60), dns.common().delayBeforeRetry());
        assertEquals("mx.example.com", ((Checker.SmtpCheck) ch.get(4)).heloName());
        assertEquals("00fe", java.util.HexFormat.of().formatHex(((Checker.UdpCheck) ch.get(5)).payload()));
        assertInstanceOf(Checker.PingCheck.class, ch.get(6));
    }

    @Test
    void globalDefsFull() {
        var g = clean("valid/global-defs-full.conf").globalDefs();
        assertEquals("192.0.2.25", g.smtpServer());
        assertEquals(2525, g.smtpPort());
        assertEquals(Duration.ofSeconds(12), g.smtpConnectTimeout());
        assertEquals(Boolean.TRUE, g.smtpAlertVrrp());
        assertEquals(Boolean.FALSE, g.smtpAlertChecker());
        assertTrue(g.vrrpSkipCheckAdvAddr());
        assertEquals("224.0.0.19", g.vrrpMcastGroup4().getHostAddress());
        assertEquals(Duration.ofMillis(1), g.vrrpGarpInterval());
        assertEquals(Duration.ofNanos(1000), g.vrrpGnaInterval());
        assertEquals(Duration.ofSeconds(10), g.vrrpGarpMasterDelay());
        assertEquals(3, g.vrrpGarpLowerPrioRepeat(), "lower-prio repeat follows master repeat");
        assertEquals("eth1", g.lvsSyncDaemon().interfaceName());
        assertEquals("VI_1", g.lvsSyncDaemon().vrrpInstance());
        assertEquals(7, g.lvsSyncDaemon().syncId());
        assertEquals(8849, g.lvsSyncDaemon().port());
        assertTrue(g.enableTraps());
    }

    @Test
    void syncGroupScriptsAndTracking() {
        KeepalivedConfig c = clean("valid/sync-group.conf");
        var s = c.vrrpScripts().get(0);
        assertEquals(Duration.ofSeconds(2), s.interval());
        assertEquals(Duration.ofSeconds(3), s.timeout());
        assertEquals(0, s.weight());
        assertEquals(2, s.rise());
        assertEquals(3, s.fall());
        var g = c.vrrpSyncGroups().get(0);
        assertEquals(List.of("VI_EXT", "VI_INT"), g.instances());
        assertEquals("/bin/true master", g.notifies().master().command());
        assertEquals(Boolean.TRUE, g.smtpAlert());
        VrrpInstance ext = c.vrrpInstance("VI_EXT").orElseThrow();
        assertTrue(ext.nopreempt());
        assertEquals("VG_1", ext.syncGroup());
        assertEquals("chk_haproxy", ext.trackScripts().get(0).name());
        assertNull(ext.trackInterfaces().get(0).weight());
    }

    @Test
    void unicastAndIpv6() {
        VrrpInstance u = clean("valid/unicast.conf").vrrpInstances().get(0);
        assertEquals("10.10.0.1", u.unicastSrcIp().getHostAddress());
        assertEquals(2, u.unicastPeers().size());
        assertEquals(10, u.unicastPeers().get(1).maxTtl());
        assertEquals(Duration.ofSeconds(30), u.preemptDelay());
        assertEquals(Duration.ofSeconds(3), u.advertInterval());
        VrrpInstance v6 = clean("valid/ipv6.conf").vrrpInstances().get(0);
        assertEquals(3, v6.version(), "IPv6 forces VRRPv3");
        assertEquals(Duration.ofMillis(500), v6.advertInterval());
        assertEquals(64, v6.virtualIpAddresses().get(0).cidr().prefixLength());
        assertEquals(128, v6.virtualIpAddresses().get(1).cidr().prefixLength());
    }

    @Test
    void groupsFwmarkStaticRoutes() {
        KeepalivedConfig c = clean("valid/fwmark-group.conf");
        var grp = c.virtualServerGroups().get(0);
        assertEquals(3, grp.entries().size());
        assertEquals("192.168.10.5", grp.entries().get(1).last().getHostAddress());
        assertEquals("10.20.0.0/30", new dev.vigil.conf.model.Cidr(grp.entries().get(2).first(), 30).toString());
        var marks = c.virtualServerGroups().get(1);
        assertEquals(7, marks.entries().get(0).fwmark());
        assertEquals("inet", marks.entries().get(1).family());
        assertEquals(new VirtualServerAddress.Group("WEB"), c.virtualServers().get(0).address());
        assertEquals(ForwardingMethod.TUN, c.virtualServers().get(0).method());
        assertTrue(c.virtualServers().get(0).realServers().get(0).inhibitOnFailure());
        assertEquals(new VirtualServerAddress.Fwmark(12, null), c.virtualServers().get(1).address());
        assertEquals(List.of("sh-port"), c.virtualServers().get(1).schedulerFlags());
        assertEquals(0, c.virtualServers().get(1).realServers().get(0).port());

        KeepalivedConfig s = clean("valid/static.conf");
        assertEquals("global", s.staticIpAddresses().get(0).scope());
        assertEquals("eth1:foo", s.staticIpAddresses().get(1).label());
        assertEquals("10.50.0.0/16", s.staticRoutes().get(0).destination().toString());
        assertEquals("192.168.50.254", s.staticRoutes().get(0).via().getHostAddress());
        assertEquals("100", s.staticRoutes().get(1).table());
        assertEquals(0, s.staticRoutes().get(1).destination().prefixLength());

        VrrpInstance r = clean("valid/virtual-routes.conf").vrrpInstances().get(0);
        assertEquals(2, r.virtualIpAddressesExcluded().size());
        assertEquals(3, r.virtualRoutes().size());
        assertEquals("blackhole", r.virtualRoutes().get(2).type());
        assertEquals("10.61.0.1", r.virtualRoutes().get(1).source().getHostAddress());
    }

    @Test
    void everyCheckerKind() {
        KeepalivedConfig c = clean("valid/checkers-all.conf");
        RealServer rs = c.virtualServers().get(0).realServers().get(0);
        assertFalse(rs.smtpAlert());
        assertEquals("/bin/true up", rs.notifyUp().command());
        Checker.SmtpCheck smtp = (Checker.SmtpCheck) rs.checkers().get(0);
        assertEquals(Duration.ofSeconds(9), smtp.common().connectTimeout());
        assertEquals(2, smtp.common().retry());
        assertEquals(Duration.ofSeconds(15), smtp.common().delayLoop());
        Checker.MiscCheck misc = (Checker.MiscCheck) rs.checkers().get(1);
        assertEquals("/bin/true check", misc.path());
        assertEquals(0, misc.common().retry());
        assertTrue(misc.dynamic());
        Checker.FileCheck file = (Checker.FileCheck) rs.checkers().get(2);
        assertEquals("health", file.trackFile());
        assertTrue(file.reverse());
        RealServer dnsRs = c.virtualServers().get(1).realServers().get(0);
        assertEquals("A", ((Checker.DnsCheck) dnsRs.checkers().get(0)).type());
        Checker.UdpCheck udp = (Checker.UdpCheck) dnsRs.checkers().get(1);
        assertTrue(udp.requireReply());
        assertEquals(100, udp.maxReplyLength());
        assertEquals("/tmp/vigil-health", c.trackFiles().get(0).file());
        assertEquals(1, c.trackFiles().get(0).initValue());
    }

    @Test
    void tunnelOptions() {
        VirtualServer vs = clean("valid/tunnel.conf").virtualServers().get(0);
        assertEquals(ForwardingMethod.TUN, vs.method());
        assertEquals(new dev.vigil.conf.model.Tunnel("gue", 6080, "csum"), vs.tunnel());
        assertEquals(vs.tunnel(), vs.realServers().get(0).tunnel(), "inherited with the method");
        assertEquals(new dev.vigil.conf.model.Tunnel("gre", 0, "nocsum"), vs.realServers().get(1).tunnel());
        assertEquals(ForwardingMethod.NAT, vs.realServers().get(2).method());
        assertNull(vs.realServers().get(2).tunnel());
        assertEquals(2, vs.realServers().get(0).weight());
        assertEquals(1, vs.realServers().get(1).weight());
    }

    @Test
    void sslGarpTrackProcessSorry() {
        KeepalivedConfig ssl = clean("valid/ssl.conf");
        assertEquals("/etc/ssl/ca.pem", ssl.ssl().ca());
        assertTrue(((Checker.HttpCheck) ssl.virtualServers().get(0).realServers().get(0).checkers().get(0)).enableSni());
        KeepalivedConfig garp = clean("valid/garp-group.conf");
        assertEquals(List.of("eth0", "eth1"), garp.garpGroups().get(0).interfaces());
        assertEquals(Duration.ofSeconds(2), garp.vrrpInstances().get(0).garp().masterDelay());
        assertEquals(Duration.ofSeconds(2), garp.vrrpInstances().get(0).garp().lowerPrioDelay());
        KeepalivedConfig tp = clean("valid/track-process.conf");
        assertEquals(List.of("nginx"), tp.trackProcesses().get(0).process());
        assertEquals("track_nginx", tp.vrrpInstances().get(0).trackProcesses().get(0).name());
        VirtualServer vs = clean("valid/sorry-quorum.conf").virtualServers().get(0);
        assertEquals("10.92.9.9", vs.sorryServer().address().getHostAddress());
        assertEquals(2, vs.quorum());
        assertEquals(1, vs.hysteresis());
        assertTrue(vs.alpha());
        assertEquals("www.example.org",
                ((Checker.HttpCheck) vs.realServers().get(0).checkers().get(0)).virtualhost());
    }
}
