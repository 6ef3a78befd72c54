package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceFlags;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.model.Tunnel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every IPVS request against bytes written out by hand from ip_vs.h and the kernel's parser (little-endian host:
 * native-order integers, big-endian ports and IPv4 netmask, 16-byte addresses, NLA_F_NESTED on nests).
 * Family id 0x22.
 */
class IpvsMessagesTest {
    private static final IpvsMessages M = new IpvsMessages(0x22);
    private static final ServiceKey WEB = ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80);
    private static final ServiceKey FWM = ServiceKey.fwmark(ServiceKey.AF_INET, 7);

    /** The nested SERVICE key attributes of WEB (48 bytes). */
    private static final String WEB_KEY = """
            06 00 01 00  02 00 00 00                 # AF = 2
            06 00 02 00  06 00 00 00                 # PROTOCOL = 6 (TCP)
            14 00 03 00  0a 00 00 01  00 00 00 00  00 00 00 00  00 00 00 00   # ADDR 10.0.0.1, 16 bytes
            06 00 04 00  00 50 00 00                 # PORT 80, big-endian
            """;

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "expected bytes are written for x86/arm64");
    }

    private static void same(String expected, ByteBuffer actual) {
        assertEquals(Hex.format(Hex.bytes(expected)), Hex.of(actual));
    }

    @Test
    void newServiceCarriesTheFullEntry() {
        same("""
                68 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 104, family 0x22, REQUEST|ACK
                01 01 00 00                                          # NEW_SERVICE, version 1
                54 00 01 80                                          # nested SERVICE, 84 bytes
                """ + WEB_KEY + """
                07 00 06 00  72 72 00 00                             # SCHED_NAME "rr"
                0c 00 07 00  00 00 00 00  ff ff ff ff                # FLAGS {0, mask ~0}
                08 00 08 00  00 00 00 00                             # TIMEOUT 0
                08 00 09 00  ff ff ff ff                             # NETMASK 255.255.255.255
                """, M.newService(IpvsService.of(WEB, "rr")));
    }

    @Test
    void setServiceWithPersistenceGranularityAndEngine() {
        IpvsService s = IpvsService.of(WEB, "wlc").withPersistence(360).withGranularity(24)
                .withFlags(ServiceFlags.PERSISTENT | ServiceFlags.ONEPACKET);
        s = new IpvsService(s.key(), s.scheduler(), s.flags(), s.timeout(), s.granularity(), "sip");
        same("""
                70 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 112
                02 01 00 00                                          # SET_SERVICE
                5c 00 01 80                                          # nested SERVICE, 92 bytes
                """ + WEB_KEY + """
                08 00 06 00  77 6c 63 00                             # SCHED_NAME "wlc"
                08 00 0b 00  73 69 70 00                             # PE_NAME "sip"
                0c 00 07 00  05 00 00 00  ff ff ff ff                # FLAGS PERSISTENT|ONEPACKET
                08 00 08 00  68 01 00 00                             # TIMEOUT 360
                08 00 09 00  ff ff ff 00                             # NETMASK 255.255.255.0 (network order)
                """, M.setService(s));
    }

    @Test
    void ipv6ServiceSendsItsNetmaskAsAPrefixLength() {
        ServiceKey v6 = ServiceKey.of(IpvsProtocol.UDP, Addresses.parse("2001:db8::1"), 53);
        same("""
                68 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00
                01 01 00 00
                54 00 01 80
                06 00 01 00  0a 00 00 00                             # AF = 10
                06 00 02 00  11 00 00 00                             # UDP
                14 00 03 00  20 01 0d b8  00 00 00 00  00 00 00 00  00 00 00 01
                06 00 04 00  00 35 00 00                             # port 53
                07 00 06 00  73 68 00 00                             # "sh"
                0c 00 07 00  00 00 00 00  ff ff ff ff
                08 00 08 00  00 00 00 00
                08 00 09 00  80 00 00 00                             # prefix 128, native order
                """, M.newService(IpvsService.of(v6, "sh")));
    }

    @Test
    void delServiceOfAFwmarkSendsOnlyTheKey() {
        same("""
                28 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 40
                03 01 00 00                                          # DEL_SERVICE
                14 00 01 80                                          # nested SERVICE, 20 bytes
                06 00 01 00  02 00 00 00                             # AF 2
                08 00 05 00  07 00 00 00                             # FWMARK 7
                """, M.delService(FWM));
    }

    @Test
    void getServiceAndServiceDump() {
        same("""
                44 00 00 00  22 00 01 00  00 00 00 00  00 00 00 00   # REQUEST only: one reply
                04 01 00 00                                          # GET_SERVICE
                30 00 01 80
                """ + WEB_KEY, M.getService(WEB));
        same("""
                14 00 00 00  22 00 01 03  00 00 00 00  00 00 00 00   # REQUEST|DUMP (0x301)
                04 01 00 00
                """, M.dumpServices());
    }

    @Test
    void aReusedServiceKeyEncodingNeverLeaksIntoAnotherService() {
        IpvsMessages fresh = new IpvsMessages(0x22);
        IpvsDest d = IpvsDest.of(Addresses.parse("10.0.1.2"), 8080, ForwardMethod.NAT, 3);
        ServiceKey sameValueOtherInstance = ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80);
        String web = Hex.of(fresh.newDest(WEB, d));
        String fwm = Hex.of(fresh.newDest(FWM, d));
        assertEquals(web, Hex.of(fresh.newDest(WEB, d)), "WEB again after FWM");
        assertEquals(web, Hex.of(fresh.newDest(sameValueOtherInstance, d)), "an equal key from another instance");
        assertEquals(fwm, Hex.of(new IpvsMessages(0x22).newDest(FWM, d)), "FWM as a first request");
        assertEquals(Hex.of(new IpvsMessages(0x22).delService(WEB)), Hex.of(fresh.delService(WEB)));
    }

    @Test
    void newDestCarriesItsFullEntry() {
        IpvsDest d = new IpvsDest(Addresses.parse("10.0.1.2"), 8080, ForwardMethod.DR, 5, 100, 10);
        same("""
                8c 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 140
                05 01 00 00                                          # NEW_DEST
                30 00 01 80                                          # nested SERVICE (key only), 48 bytes
                """ + WEB_KEY + """
                48 00 02 80                                          # nested DEST, 72 bytes
                14 00 01 00  0a 00 01 02  00 00 00 00  00 00 00 00  00 00 00 00   # ADDR 10.0.1.2
                06 00 02 00  1f 90 00 00                             # PORT 8080 big-endian
                06 00 0b 00  02 00 00 00                             # ADDR_FAMILY 2
                08 00 03 00  03 00 00 00                             # FWD_METHOD 3 (DR)
                08 00 04 00  05 00 00 00                             # WEIGHT 5
                08 00 05 00  64 00 00 00                             # U_THRESH 100
                08 00 06 00  0a 00 00 00                             # L_THRESH 10
                """, M.newDest(WEB, d));
    }

    @Test
    void setDestAndDelDest() {
        IpvsDest d = IpvsDest.of(Addresses.parse("10.0.1.2"), 80, ForwardMethod.NAT, 0);
        same("""
                8c 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00
                06 01 00 00                                          # SET_DEST
                30 00 01 80
                """ + WEB_KEY + """
                48 00 02 80
                14 00 01 00  0a 00 01 02  00 00 00 00  00 00 00 00  00 00 00 00
                06 00 02 00  00 50 00 00
                06 00 0b 00  02 00 00 00
                08 00 03 00  00 00 00 00                             # NAT (MASQ 0)
                08 00 04 00  00 00 00 00                             # weight 0 (inhibited)
                08 00 05 00  00 00 00 00
                08 00 06 00  00 00 00 00
                """, M.setDest(WEB, d));
        same("""
                6c 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 108
                07 01 00 00                                          # DEL_DEST
                30 00 01 80
                """ + WEB_KEY + """
                28 00 02 80                                          # nested DEST, 40 bytes: key only
                14 00 01 00  0a 00 01 02  00 00 00 00  00 00 00 00  00 00 00 00
                06 00 02 00  00 50 00 00
                06 00 0b 00  02 00 00 00
                """, M.delDest(WEB, new DestKey(Addresses.parse("10.0.1.2"), 80)));
    }

    @Test
    void ipv6DestinationOfAnIpv4Service() {
        DestKey d = new DestKey(Addresses.parse("2001:db8::a"), 80);
        ByteBuffer msg = M.delDest(FWM, d);
        same("""
                50 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 80
                07 01 00 00
                14 00 01 80
                06 00 01 00  02 00 00 00
                08 00 05 00  07 00 00 00
                28 00 02 80
                14 00 01 00  20 01 0d b8  00 00 00 00  00 00 00 00  00 00 00 0a
                06 00 02 00  00 50 00 00
                06 00 0b 00  0a 00 00 00                             # ADDR_FAMILY 10
                """, msg);
    }

    @Test
    void destDump() {
        same("""
                44 00 00 00  22 00 01 03  00 00 00 00  00 00 00 00
                08 01 00 00                                          # GET_DEST
                30 00 01 80
                """ + WEB_KEY, M.dumpDests(WEB));
    }

    @Test
    void flushAndZero() {
        same("""
                14 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00
                11 01 00 00                                          # FLUSH (17)
                """, M.flush());
        same("""
                14 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00
                10 01 00 00                                          # ZERO (16), every service
                """, M.zero(null));
        same("""
                28 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00
                10 01 00 00
                14 00 01 80  06 00 01 00  02 00 00 00  08 00 05 00  07 00 00 00
                """, M.zero(FWM));
    }

    @Test
    void newDaemonWithEverySetting() {
        SyncDaemonConfig c = new SyncDaemonConfig(SyncDaemonConfig.State.MASTER, "eth0", 51, 1472,
                Addresses.parse("224.0.0.81"), 8848, 2);
        same("""
                54 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 84
                09 01 00 00                                          # NEW_DAEMON
                40 00 03 80                                          # nested DAEMON, 64 bytes
                08 00 01 00  01 00 00 00                             # STATE MASTER
                09 00 02 00  65 74 68 30  00 00 00 00                # MCAST_IFN "eth0"
                08 00 03 00  33 00 00 00                             # SYNC_ID 51
                06 00 04 00  c0 05 00 00                             # SYNC_MAXLEN 1472 (native u16)
                08 00 05 00  e0 00 00 51                             # MCAST_GROUP 224.0.0.81 (in_addr)
                06 00 07 00  90 22 00 00                             # MCAST_PORT 8848 (native u16)
                05 00 08 00  02 00 00 00                             # MCAST_TTL 2
                """, M.newDaemon(c));
    }

    @Test
    void newDaemonWithDefaultsSendsOnlyTheMandatoryAttributes() {
        SyncDaemonConfig c = new SyncDaemonConfig(SyncDaemonConfig.State.BACKUP, "vlan100", 0, 0, null, 0, 0);
        same("""
                34 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 52
                09 01 00 00
                20 00 03 80                                          # 32 bytes
                08 00 01 00  02 00 00 00                             # BACKUP
                0c 00 02 00  76 6c 61 6e  31 30 30 00                # "vlan100"
                08 00 03 00  00 00 00 00                             # SYNC_ID 0
                """, M.newDaemon(c));
    }

    @Test
    void delAndDumpDaemons() {
        same("""
                20 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00
                0a 01 00 00                                          # DEL_DAEMON
                0c 00 03 80  08 00 01 00  02 00 00 00                # STATE BACKUP
                """, M.delDaemon(SyncDaemonConfig.State.BACKUP));
        same("""
                14 00 00 00  22 00 01 03  00 00 00 00  00 00 00 00
                0b 01 00 00                                          # GET_DAEMON dump
                """, M.dumpDaemons());
    }

    @Test
    void infoAndConfig() {
        same("""
                14 00 00 00  22 00 01 00  00 00 00 00  00 00 00 00
                0f 01 00 00                                          # GET_INFO
                """, M.getInfo());
        same("""
                14 00 00 00  22 00 01 00  00 00 00 00  00 00 00 00
                0d 01 00 00                                          # GET_CONFIG
                """, M.getConfig());
        same("""
                2c 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 44
                0c 01 00 00                                          # SET_CONFIG
                08 00 04 00  84 03 00 00                             # TIMEOUT_TCP 900
                08 00 05 00  78 00 00 00                             # TIMEOUT_TCP_FIN 120
                08 00 06 00  2c 01 00 00                             # TIMEOUT_UDP 300
                """, M.setConfig(new IpvsTimeouts(900, 120, 300)));
    }

    @Test
    void gueTunnelDestinationCarriesItsEncapsulation() {
        IpvsDest d = new IpvsDest(Addresses.parse("10.0.1.2"), 80, ForwardMethod.TUN, 1, 0, 0,
                new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.CSUM));
        same("""
                a4 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 164
                05 01 00 00                                          # NEW_DEST
                30 00 01 80
                """ + WEB_KEY + """
                60 00 02 80                                          # nested DEST, 96 bytes
                14 00 01 00  0a 00 01 02  00 00 00 00  00 00 00 00  00 00 00 00
                06 00 02 00  00 50 00 00
                06 00 0b 00  02 00 00 00
                08 00 03 00  02 00 00 00                             # TUNNEL
                08 00 04 00  01 00 00 00
                08 00 05 00  00 00 00 00
                08 00 06 00  00 00 00 00
                05 00 0d 00  01 00 00 00                             # TUN_TYPE GUE (u8)
                06 00 0e 00  17 c0 00 00                             # TUN_PORT 6080, big-endian
                06 00 0f 00  01 00 00 00                             # TUN_FLAGS CSUM (u16)
                """, M.newDest(WEB, d));
    }

    @Test
    void ipv6SyncGroupGoesInItsOwnAttribute() {
        SyncDaemonConfig c = new SyncDaemonConfig(SyncDaemonConfig.State.BACKUP, "eth0", 1, 0,
                Addresses.parse("ff02::81"), 0, 0);
        same("""
                48 00 00 00  22 00 05 00  00 00 00 00  00 00 00 00   # len 72
                09 01 00 00
                34 00 03 80                                          # nested DAEMON, 52 bytes
                08 00 01 00  02 00 00 00
                09 00 02 00  65 74 68 30  00 00 00 00
                08 00 03 00  01 00 00 00
                14 00 06 00  ff 02 00 00  00 00 00 00  00 00 00 00  00 00 00 81   # MCAST_GROUP6 (in6_addr)
                """, M.newDaemon(c));
    }
}
