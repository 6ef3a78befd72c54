package dev.vigil.vrrp.instance;

import static dev.vigil.vrrp.sim.VirtualClock.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.sim.Segment;
import dev.vigil.vrrp.spec.InstanceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The instance lines keepalived 2.2.7 logged with {@code -D} for the same configuration (captured on this
 * machine: start alone, take over after 3.41 s, stop), compared with ours.
 */
class KeepalivedLogSequenceTest {
    @Test
    void startTakeoverStopLogsTheSameInstanceLinesAsKeepalived() {
        InstanceSpec spec = InstanceSpec.builder("VI_1", 51, Ipv4.parse("10.99.0.1")).priority(150)
                .passAuth("secret12").vips(List.of(Ipv4.parse("10.99.0.100"))).interfaceName("vgva").build();
        Segment seg = new Segment().add(spec).startAll(0).at(s(7), "VI_1", InstanceEvent.SHUTDOWN).runUntil(s(8));
        assertEquals(List.of(
                "(VI_1) removing VIPs.",
                "(VI_1) Entering BACKUP STATE (init)",
                "(VI_1) Receive advertisement timeout",
                "(VI_1) Entering MASTER STATE",
                "(VI_1) setting VIPs.",
                "(VI_1) Sending/queueing gratuitous ARPs on vgva for 10.99.0.100",
                "(VI_1) sent 0 priority",
                "(VI_1) removing VIPs."), seg.logs("VI_1"));
    }
}
