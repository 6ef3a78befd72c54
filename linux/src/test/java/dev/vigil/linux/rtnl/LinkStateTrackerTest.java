package dev.vigil.linux.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkStateTrackerTest {
    static LinkEvent ev(boolean up, boolean deleted) {
        return new LinkEvent(3, "eth0", up, up ? OperState.UP : OperState.DOWN, up ? 0x11043 : 0x1002, deleted);
    }

    @Test
    void onlyTransitionsPassAfterSeeding() {
        LinkStateTracker t = new LinkStateTracker();
        t.seed(List.of(new InterfaceInfo(3, "eth0", null, 0x11043, 1500, OperState.UP, null, 0, null)));
        assertEquals(Optional.of(true), t.isUp(3));
        assertTrue(t.update(ev(true, false)).isEmpty(), "repeated up is not a change");
        assertEquals(Optional.of(ev(false, false)), t.update(ev(false, false)));
        assertTrue(t.update(ev(false, false)).isEmpty());
        assertEquals(Optional.of(ev(true, false)), t.update(ev(true, false)));
    }

    @Test
    void deletionOfAnUpLinkIsADownTransitionAndForgetsIt() {
        LinkStateTracker t = new LinkStateTracker();
        assertTrue(t.update(ev(true, false)).isPresent(), "first sighting reported");
        assertTrue(t.update(ev(false, true)).isPresent());
        assertEquals(Optional.empty(), t.isUp(3));
        assertTrue(t.update(ev(false, true)).isEmpty(), "deleting an unknown link reports nothing");
    }
}
