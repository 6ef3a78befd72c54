package dev.vigil.ipvs.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTest {
    @Test
    void ipv6TextMatchesInetNtop() {
        assertEquals("2001:db8::1", Addresses.text(Addresses.parse("2001:0db8:0:0:0:0:0:1")));
        assertEquals("::", Addresses.text(Addresses.parse("::")));
        assertEquals("::1", Addresses.text(Addresses.parse("::1")));
        assertEquals("fe80::", Addresses.text(Addresses.parse("fe80:0:0:0:0:0:0:0")));
        assertEquals("2001:db8:0:1:1:1:1:1", Addresses.text(Addresses.parse("2001:db8:0:1:1:1:1:1")), "one zero group");
        assertEquals("2001:0:0:1::1", Addresses.text(Addresses.parse("2001:0:0:1:0:0:0:1")), "longest run wins");
        assertEquals("1:0:0:2::3", Addresses.text(Addresses.parse("1:0:0:2:0:0:0:3")), "longest run wins");
        assertEquals("1::3:0:0:4:0", Addresses.text(Addresses.parse("1:0:0:3:0:0:4:0")), "first of equal runs");
        assertEquals("::1.2.3.4", Addresses.text(Addresses.parse("::1.2.3.4")), "IPv4-compatible form");
    }

    @Test
    void nfInetAddrIsSixteenBytesWithIpv4First() {
        byte[] v4 = Addresses.toNfInetAddr(Addresses.parse("192.0.2.7"));
        assertEquals(16, v4.length);
        assertArrayEquals(new byte[]{(byte) 192, 0, 2, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, v4);
        assertEquals(Addresses.parse("192.0.2.7"), Addresses.fromNfInetAddr(v4, ServiceKey.AF_INET));
        assertEquals(Addresses.parse("2001:db8::5"),
                Addresses.fromNfInetAddr(Addresses.toNfInetAddr(Addresses.parse("2001:db8::5")), ServiceKey.AF_INET6));
    }

    @Test
    void literalsOnlyNeverNameLookups() {
        for (String bad : List.of("localhost", "example.com", "10.0.0", "1.2.3.4.5", "", "10.0.0.1/24")) {
            assertThrows(IllegalArgumentException.class, () -> Addresses.parse(bad), bad);
        }
    }

    @Test
    void serviceKeysAreValidated() {
        assertEquals("[2001:db8::1]:udp:53",
                ServiceKey.of(IpvsProtocol.UDP, Addresses.parse("2001:db8::1"), 53).toString());
        assertEquals("FWM 4294967295", ServiceKey.fwmark(ServiceKey.AF_INET, -1).toString(), "unsigned fwmark");
        assertThrows(IllegalArgumentException.class, () -> ServiceKey.fwmark(ServiceKey.AF_INET, 0));
        assertThrows(IllegalArgumentException.class, () -> ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 70000));
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceKey(ServiceKey.AF_INET6, IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80, 0));
        assertThrows(IllegalArgumentException.class, () -> new ServiceKey(7, null, null, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceKey(ServiceKey.AF_INET, IpvsProtocol.TCP, null, 0, 5));
    }

    @Test
    void servicesAndDestinationsAreValidated() {
        ServiceKey k = ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80);
        assertThrows(IllegalArgumentException.class, () -> IpvsService.of(k, ""));
        assertThrows(IllegalArgumentException.class, () -> IpvsService.of(k, "a-very-long-name"), "16 chars");
        assertThrows(IllegalArgumentException.class, () -> IpvsService.of(k, "rr").withFlags(ServiceFlags.HASHED));
        assertThrows(IllegalArgumentException.class, () -> IpvsService.of(k, "rr").withGranularity(33));
        assertEquals(128, IpvsService.of(ServiceKey.fwmark(ServiceKey.AF_INET6, 1), "rr").granularity());
        assertThrows(IllegalArgumentException.class,
                () -> IpvsDest.of(Addresses.parse("10.0.0.2"), 80, ForwardMethod.NAT, -1));
        IpvsDest d = IpvsDest.of(Addresses.parse("10.0.0.2"), 80, ForwardMethod.NAT, 1);
        assertThrows(IllegalArgumentException.class, () -> new VirtualService(IpvsService.of(k, "rr"), List.of(d, d)));
        VirtualService vs = new VirtualService(IpvsService.of(k, "rr"), List.of(d));
        assertThrows(IllegalArgumentException.class, () -> new IpvsTable(List.of(vs, vs)));
    }

    @Test
    void enumsDecodeKernelNumbers() {
        assertEquals(ForwardMethod.DR, ForwardMethod.fromCode(0x103), "only the forwarding bits count");
        assertEquals(IpvsProtocol.SCTP, IpvsProtocol.fromNumber(132));
        assertThrows(IllegalArgumentException.class, () -> IpvsProtocol.fromNumber(1));
        assertEquals(SyncDaemonConfig.State.BACKUP, SyncDaemonConfig.State.fromCode(2));
        assertThrows(IllegalArgumentException.class, () -> SyncDaemonConfig.State.fromCode(0));
    }

    @Test
    void syncDaemonSettingsAreValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new SyncDaemonConfig(SyncDaemonConfig.State.MASTER, "a-name-too-long-x", 1, 0, null, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new SyncDaemonConfig(SyncDaemonConfig.State.MASTER, "eth0", 256, 0, null, 0, 0));
        assertTrue(new SyncDaemonConfig(SyncDaemonConfig.State.MASTER, "eth0", 255, 0, null, 0, 0).syncId() == 255);
    }

    @Test
    void tunnelsAreValidatedAndOnlyMatterForTunDestinations() {
        assertThrows(IllegalArgumentException.class, () -> new Tunnel(Tunnel.Type.GUE, 0, Tunnel.NOCSUM));
        assertThrows(IllegalArgumentException.class, () -> new Tunnel(Tunnel.Type.GRE, 6080, Tunnel.NOCSUM));
        assertThrows(IllegalArgumentException.class, () -> new Tunnel(Tunnel.Type.IPIP, 0, Tunnel.CSUM));
        Tunnel gue = new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.REMCSUM);
        assertEquals(Tunnel.IPIP, new IpvsDest(Addresses.parse("10.0.0.2"), 80, ForwardMethod.DR, 1, 0, 0, gue).tunnel());
        assertEquals(gue, new IpvsDest(Addresses.parse("10.0.0.2"), 80, ForwardMethod.TUN, 1, 0, 0, gue).withWeight(0)
                .tunnel());
    }
}
