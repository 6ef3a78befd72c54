package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.vrrp.stats.Counter;
import dev.vigil.vrrp.stats.InstanceStats;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RejectionTest {
    @Test
    void namesTheErrorCounterThatMoved() {
        InstanceStats s = new InstanceStats();
        var before = s.snapshot();
        s.increment(Counter.ADVERT_RECEIVED);
        assertEquals(Optional.empty(), VrrpRuntime.rejectedUnder(before, s.snapshot()), "a good advert is no rejection");
        before = s.snapshot();
        s.increment(Counter.AUTH_FAILURE);
        assertEquals(Optional.of("AUTH_FAILURE"), VrrpRuntime.rejectedUnder(before, s.snapshot()));
    }
}
