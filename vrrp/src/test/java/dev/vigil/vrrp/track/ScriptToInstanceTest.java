package dev.vigil.vrrp.track;

import static dev.vigil.vrrp.sim.Specs.IP_A;
import static dev.vigil.vrrp.sim.Specs.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.VrrpInstance;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.spec.TrackedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ScriptTracker flips fed to an instance the way the daemon wires them. */
class ScriptToInstanceTest {

    static void feed(ScriptTracker tracker, VrrpInstance instance, ScriptOutcome outcome, long now) {
        ScriptTracker.Update u = tracker.onResult(outcome);
        if (u.changed()) {
            instance.handle(new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, tracker.spec().name(), u.nowOk()), now);
        }
    }

    @Test
    void fallThreeFaultsOnTheThirdFailureAndRiseTwoRecoversOnTheSecondSuccess() {
        ScriptTracker chk = new ScriptTracker(ScriptSpec.of("chk", 0, 2, 3));
        VrrpInstance vi = new VrrpInstance(node("VI_1", IP_A, 150).tracked(List.of(TrackedObject.script("chk", 0))).build());
        vi.handle(InstanceEvent.START, 0);
        assertEquals(VrrpState.FAULT, vi.state(), "waiting for the first result");
        feed(chk, vi, ScriptOutcome.exited(0), 1);
        assertEquals(VrrpState.BACKUP, vi.state());
        feed(chk, vi, ScriptOutcome.exited(1), 2);
        feed(chk, vi, ScriptOutcome.exited(1), 3);
        assertEquals(VrrpState.BACKUP, vi.state());
        feed(chk, vi, ScriptOutcome.timeout(), 4);
        assertEquals(VrrpState.FAULT, vi.state());
        feed(chk, vi, ScriptOutcome.exited(0), 5);
        assertEquals(VrrpState.FAULT, vi.state());
        feed(chk, vi, ScriptOutcome.exited(0), 6);
        assertEquals(VrrpState.BACKUP, vi.state());
    }
}
