package dev.vigil.vrrp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.vrrp.instance.InstanceAction;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.VrrpInstance;
import dev.vigil.vrrp.spec.InstanceSpec;
import java.util.List;

/**
 * holo-vrrp style recorded-event test: each step is (time, event) → the exact action list expected,
 * timers included. Nothing fires on its own; timer expiries are steps too.
 */
public final class Replay {
    private final VrrpInstance instance;
    private int step;

    private Replay(InstanceSpec spec) {
        this.instance = new VrrpInstance(spec);
    }

    public static Replay of(InstanceSpec spec) {
        return new Replay(spec);
    }

    /** Feeds one event at {@code time} and asserts the actions it produced, in order. */
    public Replay step(long time, InstanceEvent event, InstanceAction... expected) {
        step++;
        List<InstanceAction> actual = instance.handle(event, time);
        assertEquals(List.of(expected), actual, "step " + step + " (" + event + " at " + time + " ns)");
        return this;
    }

    public VrrpInstance instance() {
        return instance;
    }
}
