package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.lvs.CheckerSnapshot;
import dev.vigil.healthchecker.Endpoint;
import dev.vigil.healthchecker.VirtualServerKey;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckerStatusSourceTest {
    static final Instant CHANGED = Instant.parse("2026-11-21T07:00:00Z");

    static Endpoint rs(String ip) throws Exception {
        return Endpoint.tcp(InetAddress.getByName(ip), 80);
    }

    /** Quorum 2 with hysteresis 1, lost: the sorry server stands in although one server of weight 2 is alive. */
    static CheckerSnapshot sorryServerSnapshot() throws Exception {
        VirtualServerKey key = VirtualServerKey.of(Endpoint.tcp(InetAddress.getByName("10.99.0.100"), 80));
        return new CheckerSnapshot(List.of(new CheckerSnapshot.VirtualServer("[10.99.0.100]:tcp:80", key, "TCP",
                "rr", 2, 1, false, 2, true, false, List.of(
                        new CheckerSnapshot.RealServer(rs("10.99.0.11"), 2, true, false, null, null),
                        new CheckerSnapshot.RealServer(rs("10.99.0.12"), 1, false, true, CHANGED,
                                "TCP_CHECK: connection refused")))));
    }

    @Test
    void showsTheCheckerSidesOwnQuorumStateNotARecomputedOne() throws Exception {
        StatusSnapshot.Part part = new CheckerStatusSource(CheckerStatusSourceTest::sorryServerSnapshotUnchecked)
                .contribute();

        assertEquals(1, part.virtualServers().size());
        StatusSnapshot.VirtualServer vs = part.virtualServers().get(0);
        assertEquals("[10.99.0.100]:tcp:80", vs.address());
        assertEquals("TCP", vs.protocol());
        assertEquals("rr", vs.scheduler());
        assertEquals(2, vs.quorum());
        assertFalse(vs.quorumUp(), "weight 2 reaches quorum 2, but hysteresis keeps it down: the subsystem's word");
        assertEquals(2, vs.weightSum());
        assertTrue(vs.sorryServerActive());
        assertFalse(vs.suspended());

        StatusSnapshot.RealServer alive = vs.realServers().get(0);
        assertEquals("10.99.0.11", alive.address());
        assertTrue(alive.healthy());
        assertFalse(alive.inTable(), "the sorry server replaced it in IPVS");
        assertNull(alive.lastReason());
        StatusSnapshot.RealServer inhibited = vs.realServers().get(1);
        assertFalse(inhibited.healthy());
        assertTrue(inhibited.inTable(), "inhibit_on_failure keeps it with weight 0");
        assertEquals(CHANGED, inhibited.lastChange());
        assertEquals("TCP_CHECK: connection refused", inhibited.lastReason());

        String table = StatusTable.render(new StatusSnapshot(Snapshots.daemon(null, null), List.of(),
                part.virtualServers()));
        assertTrue(table.contains("2 down (sum 2), sorry server"), table);
        assertTrue(table.contains("UP (not in IPVS)"), table);
        assertTrue(table.contains("DOWN (weight 0)"), table);
        assertTrue(StatusJson.render(new StatusSnapshot(Snapshots.daemon(null, null), List.of(),
                part.virtualServers())).contains("\"sorryServerActive\" : true"));
    }

    @Test
    void aSuspendedVirtualServerSaysSo() throws Exception {
        VirtualServerKey key = VirtualServerKey.of(Endpoint.tcp(InetAddress.getByName("10.99.0.100"), 80));
        CheckerSnapshot s = new CheckerSnapshot(List.of(new CheckerSnapshot.VirtualServer("[10.99.0.100]:tcp:80",
                key, "TCP", "wlc", 1, 0, true, 1, false, true,
                List.of(new CheckerSnapshot.RealServer(rs("10.99.0.11"), 1, true, true, null, null)))));
        StatusSnapshot.VirtualServer vs = new CheckerStatusSource(() -> s).contribute().virtualServers().get(0);
        assertTrue(vs.suspended());
        assertTrue(vs.quorumUp());
    }

    @Test
    void nothingWhenTheCheckersDoNotRun() {
        assertTrue(new CheckerStatusSource(() -> CheckerSnapshot.EMPTY).contribute().virtualServers().isEmpty());
    }

    private static CheckerSnapshot sorryServerSnapshotUnchecked() {
        try {
            return sorryServerSnapshot();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
