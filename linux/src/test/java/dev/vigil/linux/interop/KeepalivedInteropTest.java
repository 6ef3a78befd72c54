package dev.vigil.linux.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.rtnl.AddressEvent;
import dev.vigil.linux.rtnl.AddressManager;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.rtnl.LinkMonitor;
import dev.vigil.linux.rtnl.RtnlEvent;
import dev.vigil.linux.socket.PacketSocket;
import dev.vigil.linux.socket.RawIpSocket;
import dev.vigil.linux.testing.Hex;
import dev.vigil.linux.testing.Keepalived;
import dev.vigil.linux.testing.Netns;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our sockets against real keepalived 2.2.7: we receive and decode its adverts and GARPs, see its VIP arrive
 * through our link monitor, and our hand-built adverts make it back off.
 */
@Tag("keepalived")
@Tag("netns")
class KeepalivedInteropTest {
    static final String CONFIG = """
            global_defs {
              router_id vgll
            }
            vrrp_instance VI_1 {
              state BACKUP
              interface vA
              virtual_router_id 51
              priority 150
              advert_int 1
              authentication {
                auth_type PASS
                auth_pass secret
              }
              virtual_ipaddress {
                10.9.0.100/24 dev vA label vA:vip
              }
            }
            """;

    Netns left;
    Netns right;
    InterfaceInfo vA;
    InterfaceInfo vB;
    Keepalived keepalived;
    LinkMonitor monitor;
    final List<RtnlEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        left = Netns.create();
        right = Netns.create();
        left.veth("vA", right, "vB");
        left.address("vA", "10.9.0.1/24");
        right.address("vB", "10.9.0.2/24");
        vA = left.link("vA");
        vB = right.link("vB");
        monitor = left.enter().call(() -> LinkMonitor.open(true));
        monitor.start(events::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (keepalived != null) {
            keepalived.close();
        }
        if (monitor != null) {
            monitor.close();
        }
        left.close();
        right.close();
    }

    static int checksum(byte[] b, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (i + 1 < to ? b[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return ~sum & 0xffff;
    }

    boolean vipAnnounced(boolean removed) {
        return events.stream().anyMatch(e -> e instanceof AddressEvent a && a.removed() == removed
                && a.address().address().getHostAddress().equals("10.9.0.100"));
    }

    @Test
    void weDecodeKeepalivedAdvertsGarpAndVip() throws Exception {
        try (RawIpSocket adverts = right.enter().call(() -> RawIpSocket.openVrrpReceiver("vB", vB.index()));
             PacketSocket arp = right.enter().call(PacketSocket::openArp)) {
            arp.bind(PacketSocket.ETH_P_ARP, vB.index());
            keepalived = Keepalived.start(left, CONFIG);

            RawIpSocket.Datagram advert = adverts.receive(Duration.ofSeconds(15));
            assertNotNull(advert, "keepalived advert within 15 s");
            ByteBuffer p = advert.packet();
            byte[] bytes = new byte[p.remaining()];
            p.duplicate().get(bytes);
            assertEquals(255, advert.ttl());
            assertEquals(InetAddress.getByName("10.9.0.1"), advert.source());
            assertEquals(112, bytes[9]);
            assertEquals("e0000012", Hex.of(ByteBuffer.wrap(bytes, 16, 4)));
            int h = advert.headerLength();
            assertEquals("213396010101", Hex.of(ByteBuffer.wrap(bytes, h, 6)),
                    "v2 advert, vrid 51, prio 150, 1 address, PASS auth, 1 s interval");
            assertEquals(0, checksum(bytes, h, bytes.length), "VRRP checksum verifies");
            assertEquals("0a090064", Hex.of(ByteBuffer.wrap(bytes, h + 8, 4)));
            assertArrayEquals("secret\0\0".getBytes(), Arrays.copyOfRange(bytes, h + 12, h + 20));

            await().atMost(Duration.ofSeconds(15)).until(() -> vipAnnounced(false));
            PacketSocket.Frame garp = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (garp == null && System.nanoTime() < deadline) {
                PacketSocket.Frame f = arp.receive(Duration.ofSeconds(1));
                if (f != null && Hex.of(f.frame()).startsWith("ffffffffffff" + Hex.of(ByteBuffer.wrap(vA.mac().bytes())))) {
                    garp = f;
                }
            }
            assertNotNull(garp, "keepalived GARP seen");
            String mac = Hex.of(ByteBuffer.wrap(vA.mac().bytes()));
            assertEquals("ffffffffffff" + mac + "0806" + "0001080006040001" + mac + "0a090064" + "ffffffffffff"
                    + "0a090064", Hex.of(garp.frame()).substring(0, 84));
        }
    }

    @Test
    void ourHigherPriorityAdvertsMakeKeepalivedBackOff() throws Exception {
        keepalived = Keepalived.start(left, CONFIG);
        await().atMost(Duration.ofSeconds(15)).until(() -> vipAnnounced(false));

        Inet4Address src = (Inet4Address) InetAddress.getByName("10.9.0.2");
        byte[] packet = Hex.bytes("45c00028 00000000 ff700000 0a090002 e0000012"
                + "2133c8010101 0000 0a090064 7365637265740000");
        int sum = checksum(packet, 20, 40);
        packet[26] = (byte) (sum >> 8);
        packet[27] = (byte) sum;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (RawIpSocket sender = right.enter().call(() -> RawIpSocket.openVrrpSender("vB", vB.index(), src))) {
            timer.scheduleAtFixedRate(() -> {
                try {
                    sender.send(ByteBuffer.wrap(packet), RawIpSocket.VRRP_GROUP);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 1, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(15)).until(() -> vipAnnounced(true));
            assertTrue(keepalived.log().contains("(VI_1) Master received advert from 10.9.0.2 with higher priority 200,"
                    + " ours 150"), keepalived.log());
            assertTrue(keepalived.log().contains("(VI_1) Entering BACKUP STATE"), keepalived.log());
            try (NetlinkSocket route = left.routeSocket()) {
                assertTrue(new AddressManager(route).list(vA.index()).stream()
                        .noneMatch(a -> a.address().getHostAddress().equals("10.9.0.100")));
            }
        } finally {
            timer.shutdownNow();
        }
    }
}
