package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.runtime.InstanceStatus;
import dev.vigil.vrrp.stats.Counter;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VrrpStatusSourceTest {
    private final AtomicReference<List<InstanceStatus>> published = new AtomicReference<>(List.of());
    private final VrrpStatusSource source = new VrrpStatusSource(published::get);

    private static Inet4Address v4(String a) throws IOException {
        return (Inet4Address) InetAddress.getByName(a);
    }

    /** The counters keepalived's sample shows: 3 adverts sent, became master once. */
    private static Map<Counter, Long> sampleCounters() {
        Map<Counter, Long> c = new EnumMap<>(Counter.class);
        for (Counter k : Counter.values()) {
            c.put(k, 0L);
        }
        c.put(Counter.ADVERT_SENT, 3L);
        c.put(Counter.BECAME_MASTER, 1L);
        return c;
    }

    private static InstanceStatus master() throws IOException {
        return new InstanceStatus("VI_1", "vglobv0", 51, VrrpState.MASTER, 150, 150, v4("10.77.0.2"),
                List.of(v4("10.77.0.100"), v4("10.77.0.101")), true, Instant.parse("2026-11-21T05:38:26Z"),
                "no advert received", "G1", sampleCounters());
    }

    @Test
    void mapsEveryField() throws IOException {
        published.set(List.of(master()));
        StatusSnapshot.Part part = source.contribute();
        assertTrue(part.virtualServers().isEmpty());
        StatusSnapshot.Instance i = part.instances().get(0);
        assertEquals(new StatusSnapshot.Instance("VI_1", "vglobv0", 51, "MASTER", 150, 150, "10.77.0.2",
                List.of("10.77.0.100", "10.77.0.101"), true, Instant.parse("2026-11-21T05:38:26Z"),
                "no advert received", "G1", i.counters()), i);
        assertEquals(List.of(Counter.values()).stream().map(Enum::name).toList(), List.copyOf(i.counters().keySet()),
                "every counter, in keepalived's order");
        assertEquals(3L, i.counters().get("ADVERT_SENT"));
    }

    @Test
    void unknownMasterAndMissingCounters() throws IOException {
        published.set(List.of(new InstanceStatus("VI_2", "eth0", 9, VrrpState.INIT, 100, 100, null, List.of(),
                false, null, null, null, Map.of())));
        StatusSnapshot.Instance i = source.contribute().instances().get(0);
        assertNull(i.master());
        assertEquals(0L, i.counters().get("AUTH_FAILURE"));
    }

    @Test
    void readsTheLatestPublishedSnapshotEachTime() throws IOException {
        assertTrue(source.contribute().instances().isEmpty());
        published.set(List.of(master()));
        assertEquals(1, source.contribute().instances().size());
    }

    @Test
    void statsTextIsKeepalivedsFileForTheSameCounters() throws IOException {
        published.set(List.of(master()));
        assertEquals(KeepalivedDataDumpTest.resource("keepalived-2.2.7.stats"), source.statsText());
    }

    @Test
    void noInstancesNoStats() {
        assertEquals("", source.statsText());
    }
}
