package dev.vigil.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTrackerTest {
    static final ScriptOutcome OK = ScriptOutcome.exited(0);
    static final ScriptOutcome FAIL = ScriptOutcome.exited(1);

    @Test
    void firstResultDecidesAndLogsLikeKeepalived() {
        ScriptTracker t = new ScriptTracker(ScriptSpec.of("chk_svc", -60, 2, 3));
        assertNull(t.ok());
        ScriptTracker.Update u = t.onResult(OK);
        assertEquals(List.of("VRRP_Script(chk_svc) succeeded"), u.logLines());
        assertEquals(Boolean.TRUE, u.nowOk());
        ScriptTracker.Update f = t.onResult(FAIL);
        assertEquals(List.of("Script `chk_svc` now returning 1"), f.logLines());
        assertFalse(f.changed(), "fall 3 needs three failures");
        t.onResult(FAIL);
        ScriptTracker.Update third = t.onResult(FAIL);
        assertEquals(List.of("VRRP_Script(chk_svc) failed (exited with status 1)"), third.logLines());
        assertEquals(Boolean.FALSE, third.nowOk());
    }

    @Test
    void riseNeedsConsecutiveSuccessesAfterFailure() {
        ScriptTracker t = new ScriptTracker(ScriptSpec.of("chk", 0, 2, 1));
        t.onResult(FAIL);
        assertEquals(Boolean.FALSE, t.ok());
        assertFalse(t.onResult(OK).changed());
        ScriptTracker.Update u = t.onResult(OK);
        assertTrue(u.changed());
        assertEquals(List.of("Script `chk` now returning 0", "VRRP_Script(chk) succeeded").get(1), u.logLines().get(0));
    }

    @Test
    void failureInterruptsARise() {
        ScriptTracker t = new ScriptTracker(ScriptSpec.of("chk", 0, 3, 1));
        t.onResult(FAIL);
        t.onResult(OK);
        t.onResult(OK);
        t.onResult(FAIL);
        t.onResult(OK);
        t.onResult(OK);
        assertEquals(Boolean.FALSE, t.ok());
        assertTrue(t.onResult(OK).changed());
    }

    @Test
    void initFailStartsFailedAndNeedsRiseSuccesses() {
        ScriptTracker t = new ScriptTracker(new ScriptSpec("chk", Duration.ofSeconds(1), Duration.ofSeconds(1), 10,
                false, 2, 1, true));
        assertEquals(Boolean.FALSE, t.ok());
        assertFalse(t.onResult(OK).changed());
        assertEquals(Boolean.TRUE, t.onResult(OK).nowOk());
    }

    @Test
    void timeoutAndSignalAreFailuresWithTheirOwnWords() {
        ScriptTracker t = new ScriptTracker(ScriptSpec.of("chk", 0, 1, 1));
        t.onResult(OK);
        assertEquals(List.of("VRRP_Script(chk) timed_out"), t.onResult(ScriptOutcome.timeout()).logLines());
        t.onResult(OK);
        assertEquals(List.of("VRRP_Script(chk) failed (due to signal 9)"),
                t.onResult(ScriptOutcome.killedBy(9)).logLines());
    }
}
