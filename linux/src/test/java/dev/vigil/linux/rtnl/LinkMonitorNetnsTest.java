package dev.vigil.linux.rtnl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.testing.Netns;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Link and address notifications seen after iproute2 changes the namespace. */
@Tag("netns")
class LinkMonitorNetnsTest {
    Netns ns;
    LinkMonitor monitor;
    final List<RtnlEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        ns = Netns.create();
        ns.ip("link", "add", "vA", "type", "veth", "peer", "name", "vB");
        ns.ip("link", "set", "vB", "up");
        monitor = ns.enter().call(() -> LinkMonitor.open(true));
        monitor.start(events::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
        ns.close();
    }

    private boolean seen(String name, boolean up, boolean deleted) {
        return events.stream().anyMatch(e -> e instanceof LinkEvent l && l.name().equals(name) && l.up() == up
                && l.deleted() == deleted);
    }

    @Test
    void upDownAndDeleteAreReported() throws Exception {
        ns.ip("link", "set", "vA", "up");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen("vA", true, false));
        events.clear();
        ns.ip("link", "set", "vA", "down");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen("vA", false, false));
        assertTrue(events.stream().noneMatch(e -> e instanceof LinkEvent l && l.name().equals("vA") && l.up()),
                events.toString());
        ns.ip("link", "set", "vA", "up");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen("vA", true, false));
        ns.ip("link", "del", "vA");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen("vA", false, true));
    }

    @Test
    void peerCarrierLossIsLinkDown() throws Exception {
        ns.ip("link", "set", "vA", "up");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen("vA", true, false));
        events.clear();
        ns.ip("link", "set", "vB", "down"); // vA stays admin-up but loses carrier (no IFF_RUNNING)
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e instanceof LinkEvent l
                && l.name().equals("vA") && !l.up() && l.operstate() == OperState.LOWERLAYERDOWN));
    }

    @Test
    void queueOverflowIsReportedAsOverrunAndMonitoringContinues() throws Exception {
        monitor.close();
        events.clear();
        monitor = ns.enter().call(() -> LinkMonitor.open(true));
        try (NetlinkSocket route = ns.routeSocket()) {
            var addresses = new AddressManager(route);
            int ifindex = new InterfaceLookup(route).byName("vA").orElseThrow().index();
            for (int i = 0; i < 8000; i++) { // nobody drains: 8000 notifications overflow the 2 MiB queue
                addresses.add(InterfaceAddress.of(ifindex, InetAddress.getByAddress(
                        new byte[] {10, 30, (byte) (i >> 8), (byte) i}), 32));
            }
            List<RtnlEvent> drained = monitor.drain();
            assertTrue(drained.stream().anyMatch(e -> e instanceof RtnlEvent.Overrun), "overrun reported");
            ns.ip("link", "set", "vA", "up");
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.drain().stream()
                    .anyMatch(e -> e instanceof LinkEvent l && l.name().equals("vA") && l.up()));
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheMonitor() throws Exception {
        monitor.close();
        events.clear();
        monitor = ns.enter().call(() -> LinkMonitor.open(false));
        AtomicInteger calls = new AtomicInteger();
        monitor.start(e -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("listener bug");
            }
            events.add(e);
        });
        ns.ip("link", "set", "vA", "up");
        ns.ip("link", "set", "vA", "down");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen("vA", false, false));
        assertTrue(calls.get() >= 2);
    }

    @Test
    void addressChangesAreReported() throws Exception {
        ns.ip("addr", "add", "10.1.2.3/24", "dev", "vA", "label", "vA:x");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e instanceof AddressEvent a
                && !a.removed() && "vA:x".equals(a.address().label())));
        ns.ip("addr", "del", "10.1.2.3/24", "dev", "vA");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e instanceof AddressEvent a
                && a.removed() && a.address().address().getHostAddress()
                .equals("10.1.2.3")));
    }
}
