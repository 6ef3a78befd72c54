package dev.vigil.vrrp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrackedObjectTest {
    static TrackedObject t(int weight, boolean reverse) {
        return new TrackedObject(TrackedObject.Kind.SCRIPT, "chk", weight, reverse);
    }

    @Test
    void positiveWeightIsAddedWhileUp() {
        assertEquals(10, t(10, false).contribution(true));
        assertEquals(0, t(10, false).contribution(false));
    }

    @Test
    void negativeWeightIsAddedWhileDown() {
        assertEquals(0, t(-10, false).contribution(true));
        assertEquals(-10, t(-10, false).contribution(false));
    }

    @Test
    void reverseFlipsTheSign() {
        assertEquals(-10, t(10, true).contribution(true));
        assertEquals(10, t(-10, true).contribution(false));
    }

    @Test
    void weightZeroFaultsWhileDownOrWhileUpWhenReversed() {
        assertTrue(t(0, false).isFault(false));
        assertFalse(t(0, false).isFault(true));
        assertTrue(t(0, true).isFault(true));
        assertFalse(t(10, false).isFault(false));
    }

    @Test
    void weightBeyond253IsRejected() {
        assertThrows(IllegalArgumentException.class, () -> t(254, false));
    }
}
