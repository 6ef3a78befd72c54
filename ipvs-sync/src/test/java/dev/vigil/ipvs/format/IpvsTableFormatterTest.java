package dev.vigil.ipvs.format;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsInfo;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsSnapshot;
import dev.vigil.ipvs.model.IpvsStats;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceFlags;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IpvsTableFormatterTest {
    private static final IpvsInfo INFO = new IpvsInfo(0x010201, 4096);

    private static IpvsSnapshot.Service svc(IpvsService s, IpvsSnapshot.Dest... dests) {
        return new IpvsSnapshot.Service(s, IpvsStats.ZERO, List.of(dests));
    }

    private static IpvsSnapshot.Dest dest(String addr, int port, ForwardMethod fwd, int weight, int active, int inactive) {
        return new IpvsSnapshot.Dest(IpvsDest.of(Addresses.parse(addr), port, fwd, weight), active, inactive, 0,
                IpvsStats.ZERO);
    }

    @Test
    void emptyTable() {
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                """, IpvsTableFormatter.list(INFO, new IpvsSnapshot(List.of())));
    }

    @Test
    void servicesAndDestinationsInIpvsadmLayoutAndOrder() {
        IpvsService udp = IpvsService.of(ServiceKey.of(IpvsProtocol.UDP, Addresses.parse("10.0.0.1"), 53), "wlc");
        IpvsService web = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80), "rr");
        IpvsService persistent = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.2"), 443), "wrr")
                .withPersistence(360).withGranularity(24);
        IpvsService fwm = IpvsService.of(ServiceKey.fwmark(ServiceKey.AF_INET, 7), "sh")
                .withFlags(ServiceFlags.SCHED1 | ServiceFlags.SCHED2);
        IpvsService v6 = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("2001:db8::1"), 80), "lc")
                .withPersistence(60).withGranularity(64).withFlags(ServiceFlags.PERSISTENT | ServiceFlags.ONEPACKET);
        IpvsSnapshot snap = new IpvsSnapshot(List.of(
                svc(udp, dest("10.0.1.3", 53, ForwardMethod.DR, 1, 0, 0)),
                svc(web, dest("10.0.1.3", 8080, ForwardMethod.NAT, 0, 0, 0),
                        dest("10.0.1.2", 8080, ForwardMethod.NAT, 3, 12, 345)),
                svc(v6, dest("2001:db8::10", 80, ForwardMethod.TUN, 1, 0, 0)),
                svc(persistent),
                svc(fwm, dest("10.0.1.2", 0, ForwardMethod.DR, 100, 0, 0))));
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  10.0.0.1:80 rr
                  -> 10.0.1.2:8080                Masq    3      12         345      \s
                  -> 10.0.1.3:8080                Masq    0      0          0        \s
                TCP  10.0.0.2:443 wrr persistent 360 mask 255.255.255.0
                UDP  10.0.0.1:53 wlc
                  -> 10.0.1.3:53                  Route   1      0          0        \s
                TCP  [2001:db8::1]:80 lc persistent 60 mask 64 ops
                  -> [2001:db8::10]:80            Tunnel  1      0          0        \s
                FWM  7 sh (sh-fallback,sh-port)
                  -> 10.0.1.2:0                   Route   100    0          0        \s
                """, IpvsTableFormatter.list(INFO, snap));
    }

    @Test
    void otherSchedulersNameFlagsByNumber() {
        IpvsService s = IpvsService.of(ServiceKey.fwmark(ServiceKey.AF_INET6, 12), "rr")
                .withFlags(ServiceFlags.SCHED1 | ServiceFlags.SCHED3);
        assertEquals("FWM  12 IPv6 rr (flag-1,flag-3)", IpvsTableFormatter.serviceLine(s));
    }

    @Test
    void timeoutsLikeIpvsadm() {
        assertEquals("Timeout (tcp tcpfin udp): 900 120 300\n", IpvsTableFormatter.timeouts(new IpvsTimeouts(900, 120, 300)));
    }

    @Test
    void daemonsLikeIpvsadm() {
        SyncDaemonConfig master = new SyncDaemonConfig(SyncDaemonConfig.State.MASTER, "eth0", 5, 1472,
                Addresses.parse("224.0.0.81"), 8848, 1);
        SyncDaemonConfig backup = new SyncDaemonConfig(SyncDaemonConfig.State.BACKUP, "eth1", 0, 0, null, 0, 0);
        assertEquals("master sync daemon (mcast=eth0, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
                        + "backup sync daemon (mcast=eth1, syncid=0)\n",
                IpvsTableFormatter.daemons(List.of(master, backup)));
    }

    @Test
    void statsLayoutAndLargeNumbers() {
        IpvsService web = IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80), "rr");
        IpvsStats big = new IpvsStats(12, 99_999_999, 100_000_000, 123_456_789_012L, 5L << 60, 0, 0, 0, 0, 0);
        IpvsSnapshot snap = new IpvsSnapshot(List.of(new IpvsSnapshot.Service(web, big, List.of(
                new IpvsSnapshot.Dest(IpvsDest.of(Addresses.parse("10.0.1.2"), 80, ForwardMethod.NAT, 1), 0, 0, 0,
                        IpvsStats.ZERO)))));
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
                  -> RemoteAddress:Port
                TCP  10.0.0.1:80                        12 99999999  100000K     123G 5764607T
                  -> 10.0.1.2:80                         0        0        0        0        0
                """, IpvsTableFormatter.listStats(INFO, snap));
        assertEquals(" 99999999", IpvsTableFormatter.largeNumber(99_999_999));
        assertEquals("  100000K", IpvsTableFormatter.largeNumber(100_000_000));
        assertEquals("  999999K", IpvsTableFormatter.largeNumber(999_999_999));
        assertEquals("    1000M", IpvsTableFormatter.largeNumber(1_000_000_000));
        assertEquals("   99999M", IpvsTableFormatter.largeNumber(99_999_999_999L));
        assertEquals("     100G", IpvsTableFormatter.largeNumber(100_000_000_000L));
        assertEquals("     100T", IpvsTableFormatter.largeNumber(100_000_000_000_000L));
        assertEquals("18446744T", IpvsTableFormatter.largeNumber(-1), "u64 max");
    }
}
