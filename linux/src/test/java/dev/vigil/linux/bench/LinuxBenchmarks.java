package dev.vigil.linux.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.rtnl.AddressManager;
import dev.vigil.linux.rtnl.ChangeResult;
import dev.vigil.linux.rtnl.InterfaceAddress;
import dev.vigil.linux.rtnl.InterfaceLookup;
import dev.vigil.linux.socket.Poller;
import dev.vigil.linux.socket.RawIpSocket;
import dev.vigil.linux.testing.Hex;
import dev.vigil.linux.testing.Netns;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures, not assertions on speed: how late the Poller's timers fire, and how long a VIP add+delete takes over
 * rtnetlink. Run: {@code mvn -B -q -pl linux -am test -Dtest.excludedGroups= -Dtest.groups=slow
 * -Dtest=LinuxBenchmarks -Dsurefire.failIfNoSpecifiedTests=false} and read
 * {@code linux/target/surefire-reports/dev.vigil.linux.bench.LinuxBenchmarks-output.txt}.
 */
@Tag("slow")
class LinuxBenchmarks {
    @Test
    void pollerTimerOvershoot() throws Exception {
        measureOvershoot("default slack");
        Thread t = new Thread(() -> {
            try {
                System.out.println("timer slack now " + Poller.tightenTimerSlack(1000) + " ns");
                measureOvershoot("1 us slack");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        t.join();
    }

    private static void measureOvershoot(String label) throws Exception {
        try (Poller poller = new Poller()) {
            for (long timeout : new long[] {100_000, 1_000_000, 10_000_000}) {
                int n = timeout >= 10_000_000 ? 200 : 2000;
                long[] late = new long[n];
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    poller.poll(timeout);
                    late[i] = System.nanoTime() - start - timeout;
                }
                print("poll(" + timeout / 1000 + " us) late, " + label, late);
            }
        }
    }

    @Test
    void vipAddDeleteRoundTrip() throws Exception {
        try (Netns ns = Netns.create()) {
            ns.ip("link", "add", "vA", "type", "veth", "peer", "name", "vB");
            try (NetlinkSocket route = ns.routeSocket()) {
                int ifindex = new InterfaceLookup(route).byName("vA").orElseThrow().index();
                AddressManager addresses = new AddressManager(route);
                InterfaceAddress vip = InterfaceAddress.of(ifindex, InetAddress.getByName("10.1.2.3"), 24)
                        .withLabel("vA:vip");
                int n = 2000;
                long[] add = new long[n];
                long[] del = new long[n];
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    assertEquals(ChangeResult.APPLIED, addresses.add(vip));
                    long t1 = System.nanoTime();
                    assertEquals(ChangeResult.APPLIED, addresses.delete(vip));
                    del[i] = System.nanoTime() - t1;
                    add[i] = t1 - t0;
                }
                print("RTM_NEWADDR request+ACK", add);
                print("RTM_DELADDR request+ACK", del);
            }
        }
    }

    @Test
    void vrrpAdvertOneWayLatencyOverVeth() throws Exception {
        try (Netns left = Netns.create(); Netns right = Netns.create()) {
            left.veth("vA", right, "vB");
            int a = left.link("vA").index();
            int b = right.link("vB").index();
            try (RawIpSocket rx = right.enter().call(() -> RawIpSocket.openVrrpReceiver("vB", b));
                 RawIpSocket tx = left.enter().call(() -> RawIpSocket.openVrrpSender("vA", a, null));
                 Poller poller = new Poller()) {
                poller.register(rx.fd());
                ByteBuffer packet = ByteBuffer.wrap(Hex.bytes("45c00028 00000000 ff700000 0a090001 e0000012"
                        + "21336401 0101 0000 0a010203 7365637265740000"));
                int n = 2000;
                long[] latency = new long[n];
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    tx.send(packet, RawIpSocket.VRRP_GROUP);
                    poller.poll(1_000_000_000L);
                    if (rx.tryReceive() == null) {
                        throw new IllegalStateException("advert " + i + " lost");
                    }
                    latency[i] = System.nanoTime() - t0;
                }
                print("advert send -> poll -> receive", latency);
            }
        }
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%-36s n=%d p50=%.1f us p90=%.1f us p99=%.1f us max=%.1f us%n", what, s.length,
                s[s.length / 2] / 1e3, s[s.length * 9 / 10] / 1e3, s[s.length * 99 / 100] / 1e3, s[s.length - 1] / 1e3);
    }
}
