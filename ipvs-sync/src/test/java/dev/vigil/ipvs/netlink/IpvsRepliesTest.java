package dev.vigil.ipvs.netlink;

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
import dev.vigil.ipvs.model.Tunnel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Kernel replies written out by hand (little-endian host) and decoded. */
class IpvsRepliesTest {
    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    }

    /** One datagram holding two parts of a GET_SERVICE dump (NLM_F_MULTI), as the kernel sends them. */
    private static final String SERVICE_DUMP = """
            84 00 00 00  22 00 02 00  01 00 00 00  99 00 00 00   # len 132, MULTI, seq 1, pid 0x99
            01 01 00 00                                          # NEW_SERVICE v1 (dump replies use it)
            70 00 01 80                                          # SERVICE, 112 bytes
            06 00 01 00  02 00 00 00                             # AF 2
            06 00 02 00  06 00 00 00                             # TCP
            14 00 03 00  0a 00 00 01  00 00 00 00  00 00 00 00  00 00 00 00
            06 00 04 00  00 50 00 00                             # port 80
            07 00 06 00  72 72 00 00                             # "rr"
            0c 00 07 00  02 00 00 00  ff ff ff ff                # flags HASHED
            08 00 08 00  00 00 00 00                             # timeout 0
            08 00 09 00  ff ff ff ff                             # netmask /32
            1c 00 0c 80                                          # STATS64, 28 bytes
            0c 00 01 00  05 00 00 00  00 00 00 00                # conns 5
            0c 00 04 00  00 00 00 00  01 00 00 00                # inbytes 2^32
            64 00 00 00  22 00 02 00  01 00 00 00  99 00 00 00   # len 100, second part
            01 01 00 00
            50 00 01 80                                          # SERVICE, 80 bytes
            06 00 01 00  02 00 00 00                             # AF 2
            08 00 05 00  07 00 00 00                             # FWMARK 7
            08 00 06 00  77 6c 63 00                             # "wlc"
            0c 00 07 00  03 00 00 00  ff ff ff ff                # PERSISTENT|HASHED
            08 00 08 00  68 01 00 00                             # timeout 360
            08 00 09 00  ff ff ff 00                             # 255.255.255.0
            18 00 0a 80                                          # legacy STATS, 24 bytes
            08 00 01 00  01 00 00 00                             # conns 1 (u32)
            0c 00 04 00  e8 03 00 00  00 00 00 00                # inbytes 1000 (u64)
            """;

    @Test
    void serviceDumpInOneDatagram() {
        List<IpvsReplies.ServiceReply> services = IpvsReplies.services(List.of(Hex.buffer(SERVICE_DUMP)));
        assertEquals(2, services.size());
        IpvsService web = services.get(0).service();
        assertEquals(IpvsService.of(ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80), "rr"), web,
                "HASHED is the kernel's and is dropped");
        assertEquals(5, services.get(0).stats().conns());
        assertEquals(1L << 32, services.get(0).stats().inBytes());
        IpvsService fwm = services.get(1).service();
        assertEquals(ServiceKey.fwmark(ServiceKey.AF_INET, 7), fwm.key());
        assertEquals(ServiceFlags.PERSISTENT, fwm.flags());
        assertEquals(360, fwm.timeout());
        assertEquals(24, fwm.granularity());
        assertEquals(new IpvsStats(1, 0, 0, 1000, 0, 0, 0, 0, 0, 0), services.get(1).stats());
    }

    @Test
    void dumpSplitOverSeveralReplyBuffersGivesTheSameServices() {
        byte[] all = Hex.bytes(SERVICE_DUMP);
        java.nio.ByteBuffer first = java.nio.ByteBuffer.wrap(all, 0, 132).slice();
        java.nio.ByteBuffer second = java.nio.ByteBuffer.wrap(all, 132, 100).slice();
        assertEquals(IpvsReplies.services(List.of(Hex.buffer(SERVICE_DUMP))),
                IpvsReplies.services(List.of(first, second)));
    }

    @Test
    void destDumpWithCountersAndAFamilyFallback() {
        String dump = """
                74 00 00 00  22 00 02 00  02 00 00 00  99 00 00 00   # len 116
                05 01 00 00                                          # NEW_DEST
                60 00 02 80                                          # DEST, 96 bytes
                14 00 01 00  0a 00 01 02  00 00 00 00  00 00 00 00  00 00 00 00
                06 00 02 00  1f 90 00 00                             # 8080
                08 00 03 00  03 00 00 00                             # DR
                08 00 04 00  05 00 00 00                             # weight 5
                08 00 05 00  64 00 00 00                             # u 100
                08 00 06 00  0a 00 00 00                             # l 10
                08 00 07 00  02 00 00 00                             # active 2
                08 00 08 00  07 00 00 00                             # inactive 7
                08 00 09 00  01 00 00 00                             # persistent 1
                06 00 0b 00  02 00 00 00                             # family 2
                44 00 00 00  22 00 02 00  02 00 00 00  99 00 00 00   # len 68
                05 01 00 00
                30 00 02 80                                          # DEST, 48 bytes, no ADDR_FAMILY
                14 00 01 00  20 01 0d b8  00 00 00 00  00 00 00 00  00 00 00 0a
                06 00 02 00  00 50 00 00
                08 00 03 00  02 00 00 00                             # TUN
                08 00 04 00  01 00 00 00
                """;
        List<IpvsSnapshot.Dest> dests = IpvsReplies.dests(List.of(Hex.buffer(dump)), ServiceKey.AF_INET6);
        assertEquals(new IpvsSnapshot.Dest(new IpvsDest(Addresses.parse("10.0.1.2"), 8080, ForwardMethod.DR, 5, 100, 10),
                2, 7, 1, IpvsStats.ZERO), dests.get(0));
        assertEquals(IpvsDest.of(Addresses.parse("2001:db8::a"), 80, ForwardMethod.TUN, 1), dests.get(1).dest());
    }

    @Test
    void daemonDump() {
        String dump = """
                54 00 00 00  22 00 02 00  03 00 00 00  99 00 00 00   # len 84
                09 01 00 00                                          # NEW_DAEMON
                40 00 03 80
                08 00 01 00  01 00 00 00                             # MASTER
                09 00 02 00  65 74 68 30  00 00 00 00                # "eth0"
                08 00 03 00  33 00 00 00                             # syncid 51
                06 00 04 00  c0 05 00 00                             # maxlen 1472
                08 00 05 00  e0 00 00 51                             # 224.0.0.81
                06 00 07 00  90 22 00 00                             # port 8848
                05 00 08 00  01 00 00 00                             # ttl 1
                34 00 00 00  22 00 02 00  03 00 00 00  99 00 00 00   # len 52
                09 01 00 00
                20 00 03 80
                08 00 01 00  02 00 00 00                             # BACKUP
                09 00 02 00  65 74 68 31  00 00 00 00                # "eth1"
                08 00 03 00  00 00 00 00
                """;
        assertEquals(List.of(
                new SyncDaemonConfig(SyncDaemonConfig.State.MASTER, "eth0", 51, 1472, Addresses.parse("224.0.0.81"), 8848, 1),
                new SyncDaemonConfig(SyncDaemonConfig.State.BACKUP, "eth1", 0, 0, null, 0, 0)),
                IpvsReplies.daemons(List.of(Hex.buffer(dump))));
    }

    @Test
    void infoAndConfigReplies() {
        assertEquals(new IpvsInfo(0x010201, 4096), IpvsReplies.info(List.of(Hex.buffer("""
                24 00 00 00  22 00 00 00  04 00 00 00  99 00 00 00
                0e 01 00 00                                          # SET_INFO (the GET_INFO reply)
                08 00 01 00  01 02 01 00                             # version 1.2.1
                08 00 02 00  00 10 00 00                             # conn table 4096
                """))));
        assertEquals("1.2.1", new IpvsInfo(0x010201, 4096).versionText());
        assertEquals(new IpvsTimeouts(900, 120, 300), IpvsReplies.timeouts(List.of(Hex.buffer("""
                2c 00 00 00  22 00 00 00  05 00 00 00  99 00 00 00
                0c 01 00 00                                          # SET_CONFIG
                08 00 04 00  84 03 00 00
                08 00 05 00  78 00 00 00
                08 00 06 00  2c 01 00 00
                """))));
    }

    @Test
    void malformedRepliesAreClearErrors() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> IpvsReplies.services(List.of(Hex.buffer("""
                        20 00 00 00  22 00 02 00  01 00 00 00  99 00 00 00
                        01 01 00 00
                        0c 00 01 80  08 00 05 00  07 00 00 00            # no AF
                        """))));
        assertTrue(missing.getMessage().contains("SVC_ATTR_AF"), missing.getMessage());
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> IpvsReplies.services(List.of(Hex.buffer("""
                        30 00 00 00  22 00 02 00  01 00 00 00  99 00 00 00   # claims 48 bytes
                        01 01 00 00
                        """))));
        assertTrue(truncated.getMessage().contains("length"), truncated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IpvsReplies.info(List.of()));
        assertThrows(IllegalArgumentException.class, () -> IpvsReplies.prefixOf(0xff00ff00));
        assertEquals(0, IpvsReplies.prefixOf(0));
        assertEquals(32, IpvsReplies.prefixOf(-1));
        assertEquals(20, IpvsReplies.prefixOf(0xfffff000));
    }

    @Test
    void errorAckBecomesKeepalivedsErrorLine() {
        // NLMSG_ERROR for a NEW_DEST: error -17 then the request's header
        var ack = dev.vigil.linux.netlink.NetlinkMessage.parse(Hex.buffer("""
                24 00 00 00  02 00 00 01  07 00 00 00  99 00 00 00   # NLMSG_ERROR, CAPPED
                ef ff ff ff                                          # -17 EEXIST
                8c 00 00 00  22 00 05 00  07 00 00 00  99 00 00 00   # the request's header
                """));
        assertEquals(-17, ack.errorCode());
        IpvsException e = new IpvsException(IpvsGenl.CMD_NEW_DEST, -ack.errorCode(), "[10.0.0.1]:tcp:80 -> [10.0.1.2]:80",
                null);
        assertEquals("IPVS cmd IP_VS_SO_SET_ADDDEST(1159) error: Destination already exists(17) "
                + "([10.0.0.1]:tcp:80 -> [10.0.1.2]:80)", e.getMessage());
        assertEquals("IPVS cmd IP_VS_SO_SET_DEL(1156) error: No such service(3)",
                new IpvsException(IpvsGenl.CMD_DEL_SERVICE, 3, null, null).getMessage());
        assertEquals("IPVS cmd IP_VS_SO_SET_ADD(1154) error: Scheduler or persistence engine not found(2)",
                new IpvsException(IpvsGenl.CMD_NEW_SERVICE, 2, null, null).getMessage());
        assertEquals("IPVS cmd IP_VS_SO_SET_STOPDAEMON(1164) error: No daemon is running(3)",
                new IpvsException(IpvsGenl.CMD_DEL_DAEMON, 3, null, null).getMessage());
    }

    @Test
    void tunnelAttributesOfADestination() {
        String dump = """
                5c 00 00 00  22 00 02 00  02 00 00 00  99 00 00 00   # len 92
                05 01 00 00
                48 00 02 80                                          # DEST, 72 bytes
                14 00 01 00  0a 00 01 02  00 00 00 00  00 00 00 00  00 00 00 00
                06 00 02 00  00 50 00 00
                08 00 03 00  02 00 00 00                             # TUN
                08 00 04 00  01 00 00 00
                05 00 0d 00  02 00 00 00                             # GRE
                06 00 0e 00  00 00 00 00                             # no port
                06 00 0f 00  02 00 00 00                             # REMCSUM
                """;
        assertEquals(new Tunnel(Tunnel.Type.GRE, 0, Tunnel.REMCSUM),
                IpvsReplies.dests(List.of(Hex.buffer(dump)), ServiceKey.AF_INET).get(0).dest().tunnel());
    }
}
