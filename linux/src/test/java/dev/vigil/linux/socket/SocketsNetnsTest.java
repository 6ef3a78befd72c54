package dev.vigil.linux.socket;

import static dev.vigil.linux.testing.Addresses.v4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.testing.Hex;
import dev.vigil.linux.testing.Netns;
import dev.vigil.linux.testing.Tcpdump;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two namespaces joined by a veth pair: VRRP packets over raw IP sockets and gratuitous ARP over a packet
 * socket, each checked by the receiving socket and independently by tcpdump in the receiving namespace.
 */
@Tag("netns")
class SocketsNetnsTest {
    static Netns left;
    static Netns right;
    static InterfaceInfo vA;
    static InterfaceInfo vB;

    @BeforeAll
    static void setUp() throws Exception {
        left = Netns.create();
        right = Netns.create();
        left.veth("vA", right, "vB");
        left.address("vA", "10.9.0.1/24");
        right.address("vB", "10.9.0.2/24");
        vA = left.link("vA");
        vB = right.link("vB");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (left != null) {
            left.close();
        }
        if (right != null) {
            right.close();
        }
    }

    /** A VRRPv2 advertisement, vrid 51, prio 100, one VIP 10.1.2.3, PASS auth "secret", in a TTL-255 IP header. */
    static ByteBuffer vrrpPacket(int ttl) {
        byte[] vrrp = Hex.bytes("21 33 64 01 01 01 0000 0a010203 736563726574 0000");
        int sum = checksum(vrrp);
        vrrp[6] = (byte) (sum >> 8);
        vrrp[7] = (byte) sum;
        byte[] ip = Hex.bytes("45 c0 0028 0000 0000 00 70 0000 0a090001 e0000012");
        ip[8] = (byte) ttl;
        ByteBuffer packet = ByteBuffer.allocate(40).put(ip).put(vrrp).flip();
        return packet;
    }

    static int checksum(byte[] b) {
        int sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (i + 1 < b.length ? b[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return ~sum & 0xffff;
    }

    @Test
    void vrrpAdvertCrossesVethWithTtl255AndTcpdumpDecodesIt() throws Exception {
        Inet4Address source = v4("10.9.0.1");
        try (RawIpSocket receiver = right.enter().call(() -> RawIpSocket.openVrrpReceiver("vB", vB.index()));
             RawIpSocket sender = left.enter().call(() -> RawIpSocket.openVrrpSender("vA", vA.index(), source));
             Tcpdump capture = Tcpdump.start(right, "vB", 1, "ip", "proto", "112")) {
            ByteBuffer packet = vrrpPacket(255);
            sender.send(packet, RawIpSocket.VRRP_GROUP);

            RawIpSocket.Datagram got = receiver.receive(Duration.ofSeconds(5));
            assertNotNull(got, "advert received");
            assertEquals(v4("10.9.0.1"), got.source());
            assertEquals(255, got.ttl());
            assertEquals(20, got.headerLength());
            assertEquals(40, got.packet().remaining());
            byte[] payload = new byte[20];
            got.packet().get(20, payload);
            assertArrayEquals(Arrays.copyOfRange(packet.array(), 20, 40), payload, "VRRP bytes intact");

            String decoded = capture.decode("-nv");
            assertTrue(decoded.contains("ttl 255"), decoded);
            assertTrue(decoded.contains("proto VRRP (112), length 40"), decoded);
            assertTrue(decoded.contains("10.9.0.1 > 224.0.0.18: VRRPv2, Advertisement,"
                    + " vrid 51, prio 100, authtype simple, intvl 1s, length 20, addrs: 10.1.2.3 auth \"secret"),
                    decoded);
        }
    }

    @Test
    void receiverSeesTheTtlTheSenderChose() throws Exception {
        try (RawIpSocket receiver = right.enter().call(() -> RawIpSocket.openVrrpReceiver("vB", vB.index()));
             RawIpSocket sender = left.enter().call(() -> RawIpSocket.openVrrpSender("vA", vA.index(), null))) {
            sender.send(vrrpPacket(64), RawIpSocket.VRRP_GROUP);
            RawIpSocket.Datagram got = receiver.receive(Duration.ofSeconds(5));
            assertNotNull(got);
            assertEquals(64, got.ttl(), "a forwarded advert's TTL is visible for validation");
        }
    }

    @Test
    void senderDoesNotHearItself() throws Exception {
        try (RawIpSocket ownReceiver = left.enter().call(() -> RawIpSocket.openVrrpReceiver("vA", vA.index()));
             RawIpSocket peerReceiver = right.enter().call(() -> RawIpSocket.openVrrpReceiver("vB", vB.index()));
             RawIpSocket sender = left.enter().call(() -> RawIpSocket.openVrrpSender("vA", vA.index(), null))) {
            sender.send(vrrpPacket(255), RawIpSocket.VRRP_GROUP);
            assertNotNull(peerReceiver.receive(Duration.ofSeconds(5)), "peer got it");
            assertNull(ownReceiver.tryReceive(), "IP_MULTICAST_LOOP off: no copy back to the sending host");
        }
    }

    @Test
    void multicastAllOffKeepsGroupsJoinedByOtherSocketsAway() throws Exception {
        try (RawIpSocket joined = right.enter().call(() -> RawIpSocket.openVrrpReceiver("vB", vB.index()));
             RawIpSocket strict = right.enter().call(() -> RawIpSocket.open(RawIpSocket.IPPROTO_VRRP));
             RawIpSocket promiscuous = right.enter().call(() -> RawIpSocket.open(RawIpSocket.IPPROTO_VRRP));
             RawIpSocket sender = left.enter().call(() -> RawIpSocket.openVrrpSender("vA", vA.index(), null))) {
            strict.setMulticastAll(false);
            sender.send(vrrpPacket(255), RawIpSocket.VRRP_GROUP);
            assertNotNull(joined.receive(Duration.ofSeconds(5)));
            assertNotNull(promiscuous.receive(Duration.ofSeconds(5)), "default IP_MULTICAST_ALL=1 sees the group");
            assertNull(strict.tryReceive(), "IP_MULTICAST_ALL=0 without its own join sees nothing");
        }
    }

    @Test
    void gratuitousArpIsSeenByTcpdumpAndAPacketSocket() throws Exception {
        byte[] mac = vA.mac().bytes();
        byte[] vip = v4("10.9.0.100").getAddress();
        ByteBuffer frame = ByteBuffer.allocate(42)
                .put(Hex.bytes("ffffffffffff")).put(mac).putShort((short) 0x0806)
                .putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1)
                .put(mac).put(vip).put(Hex.bytes("ffffffffffff")).put(vip)
                .flip();
        try (PacketSocket listener = right.enter().call(PacketSocket::openArp);
             PacketSocket garp = left.enter().call(PacketSocket::openArp);
             Tcpdump capture = Tcpdump.start(right, "vB", 1, "arp")) {
            listener.bind(PacketSocket.ETH_P_ARP, vB.index());
            garp.send(frame, vA.index());

            String decoded = capture.decode("-ne");
            assertTrue(decoded.contains(vA.mac() + " > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42"), decoded);
            assertTrue(decoded.contains("Request who-has 10.9.0.100 (ff:ff:ff:ff:ff:ff) tell 10.9.0.100"), decoded);

            PacketSocket.Frame got = listener.receive(Duration.ofSeconds(5));
            assertNotNull(got);
            assertEquals(vB.index(), got.ifindex());
            assertEquals(Hex.of(frame), Hex.of(got.frame()));
        }
    }

    @Test
    void shortFrameAndUnknownDeviceAreClearErrors() throws Exception {
        try (PacketSocket garp = left.enter().call(PacketSocket::openArp)) {
            assertThrows(IllegalArgumentException.class, () -> garp.send(ByteBuffer.allocate(10), vA.index()));
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> garp.send(ByteBuffer.allocate(42), 9999));
            assertEquals(Errno.ENXIO, e.errno());
        }
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> left.enter().call(() -> RawIpSocket.openVrrpSender("nosuch0", 9999, null)));
        assertEquals(Errno.ENODEV, e.errno());
        assertTrue(e.getMessage().startsWith("setsockopt(SO_BINDTODEVICE nosuch0) on raw IP socket (protocol 112)"),
                e.getMessage());
    }

    @Test
    void pollerReportsEverySocketThatIsReadyAndPendingWakeups() throws Exception {
        try (RawIpSocket one = right.enter().call(() -> RawIpSocket.openVrrpReceiver("vB", vB.index()));
             RawIpSocket two = right.enter().call(() -> RawIpSocket.openVrrpReceiver("vB", vB.index()));
             RawIpSocket sender = left.enter().call(() -> RawIpSocket.openVrrpSender("vA", vA.index(), null));
             Poller poller = new Poller()) {
            poller.register(one.fd());
            poller.register(two.fd());
            poller.register(two.fd()); // idempotent
            sender.send(vrrpPacket(255), RawIpSocket.VRRP_GROUP);
            assertNotNull(one.receive(Duration.ofSeconds(5)));
            // one is drained now; two still holds its copy
            Poller.Ready ready = poller.poll(Duration.ofSeconds(5).toNanos());
            assertTrue(ready.isReady(two.fd()) && !ready.isReady(one.fd()), ready.toString());

            poller.wakeup();
            poller.wakeup();
            Poller.Ready woken = poller.poll(-1);
            assertTrue(woken.woken(), "a wakeup before poll is not lost");
            assertNotNull(two.tryReceive());
            assertTrue(poller.poll(0).timedOut(), "wakeups coalesce and are consumed");
        }
        Poller closed = new Poller();
        closed.close();
        closed.wakeup(); // harmless after close
        assertEquals(Errno.EBADF, assertThrows(ErrnoException.class, () -> closed.poll(0)).errno());
    }

    @Test
    void pollerReportsReadableSocketTimeoutAndWakeup() throws Exception {
        try (RawIpSocket receiver = right.enter().call(() -> RawIpSocket.openVrrpReceiver("vB", vB.index()));
             RawIpSocket sender = left.enter().call(() -> RawIpSocket.openVrrpSender("vA", vA.index(), null));
             Poller poller = new Poller()) {
            poller.register(receiver.fd());

            long start = System.nanoTime();
            Poller.Ready idle = poller.poll(Duration.ofMillis(20).toNanos());
            long waited = System.nanoTime() - start;
            assertTrue(idle.timedOut());
            assertTrue(waited >= Duration.ofMillis(20).toNanos(), "waited the full timeout: " + waited);
            assertTrue(waited < Duration.ofSeconds(2).toNanos(), "returned after the timeout: " + waited);

            sender.send(vrrpPacket(255), RawIpSocket.VRRP_GROUP);
            Poller.Ready ready = poller.poll(Duration.ofSeconds(5).toNanos());
            assertTrue(ready.isReady(receiver.fd()), ready.toString());
            assertNotNull(receiver.tryReceive());
            assertNull(receiver.tryReceive());

            Thread waker = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                poller.wakeup();
            });
            start = System.nanoTime();
            waker.start();
            Poller.Ready woken = poller.poll(Duration.ofSeconds(30).toNanos());
            assertTrue(woken.woken());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
            waker.join();

            poller.unregister(receiver.fd());
            sender.send(vrrpPacket(255), RawIpSocket.VRRP_GROUP);
            assertTrue(poller.poll(Duration.ofMillis(100).toNanos()).timedOut(), "unregistered fd not watched");
        }
    }
}
