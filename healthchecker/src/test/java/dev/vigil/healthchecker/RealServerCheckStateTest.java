package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealServerCheckStateTest {

    private static final String CHK = "[10.0.0.2]:tcp:80";

    private static RealServerCheckState tcp(CheckCommon common) {
        return new RealServerCheckState(common, CheckerMessages.forKind(CheckerKind.TCP_CHECK, CHK));
    }

    private static CheckCommon.Builder tcpDefaults() {
        return CheckCommon.builder(CheckerKind.TCP_CHECK).delayLoop(Duration.ofSeconds(10));
    }

    @Test
    void defaultsMatchKeepalived() {
        CheckCommon tcp = CheckCommon.defaults(CheckerKind.TCP_CHECK);
        assertEquals(1, tcp.retry());
        assertEquals(Duration.ofSeconds(1), tcp.delayBeforeRetry());
        assertEquals(Duration.ofSeconds(60), tcp.delayLoop());
        assertEquals(Duration.ofSeconds(5), tcp.connectTimeout());
        assertEquals(Duration.ofSeconds(3), CheckCommon.defaults(CheckerKind.HTTP_GET).delayBeforeRetry());
        assertEquals(Duration.ofSeconds(3), CheckCommon.defaults(CheckerKind.SSL_GET).delayBeforeRetry());
        assertEquals(3, CheckCommon.defaults(CheckerKind.DNS_CHECK).retry());
        assertEquals(Duration.ofSeconds(60), CheckCommon.defaults(CheckerKind.DNS_CHECK).delayBeforeRetry());
        assertEquals(0, CheckCommon.defaults(CheckerKind.MISC_CHECK).retry());
    }

    @Test
    void healthyServerIsCheckedEveryDelayLoopAndLoggedOnce() {
        VirtualClockDriver d = new VirtualClockDriver(tcp(tcpDefaults().build())).run(1000, 40_000, t -> true);
        assertEquals(List.of(1000L, 11_000L, 21_000L, 31_000L), d.times());
        assertEquals(List.of("TCP connection to " + CHK + " success."), d.log());
        assertEquals(List.of(), d.transitions);
    }

    @Test
    void failureIsRetriedAfterDelayBeforeRetryThenGoesDown() {
        // server dies at t=5s
        VirtualClockDriver d = new VirtualClockDriver(tcp(tcpDefaults().build())).run(1000, 30_000, t -> t < 5000);
        assertEquals(List.of(1000L, 11_000L, 12_000L, 22_000L, 23_000L), d.times());
        assertEquals(List.of(12_000L), d.transitions, "down only after the retry also failed");
        assertTrue(d.log().contains("TCP_CHECK on service " + CHK + " failed after 1 retries."));
        assertFalse(d.attempts.get(1).upAfter() == false, "still up after the first failure");
    }

    @Test
    void aSuccessfulRetryKeepsTheServerUp() {
        VirtualClockDriver d = new VirtualClockDriver(tcp(tcpDefaults().build()))
                .run(1000, 30_000, t -> t != 11_000);
        assertEquals(List.of(1000L, 11_000L, 12_000L, 22_000L), d.times());
        assertEquals(List.of(), d.transitions);
    }

    @Test
    void retriesAreCountedAndSpaced() {
        CheckCommon c = tcpDefaults().retry(3).delayBeforeRetry(Duration.ofSeconds(2)).build();
        VirtualClockDriver d = new VirtualClockDriver(tcp(c)).run(0, 16_000, t -> t < 5000);
        assertEquals(List.of(0L, 10_000L, 12_000L, 14_000L, 16_000L), d.times());
        assertEquals(List.of(16_000L), d.transitions);
        assertEquals("TCP_CHECK on service " + CHK + " failed after 3 retries.", d.log().get(1));
    }

    @Test
    void retryZeroGoesDownAtOnceWithThePlainMessage() {
        VirtualClockDriver d = new VirtualClockDriver(tcp(tcpDefaults().retry(0).build())).run(0, 10_000, t -> t < 5000);
        assertEquals(List.of(10_000L), d.transitions);
        assertEquals("TCP_CHECK on service " + CHK + " failed.", d.log().get(1));
    }

    @Test
    void downServerComesBackOnTheFirstSuccess() {
        VirtualClockDriver d = new VirtualClockDriver(tcp(tcpDefaults().build()))
                .run(0, 50_000, t -> t < 5000 || t >= 25_000);
        // 0 ok, 10 fail, 11 fail -> down, 21 fail (retry), 22 fail, 32 ok -> up
        assertEquals(List.of(0L, 10_000L, 11_000L, 21_000L, 22_000L, 32_000L, 42_000L), d.times());
        assertEquals(List.of(11_000L, 32_000L), d.transitions);
        assertEquals(List.of("TCP connection to " + CHK + " success.",
                "TCP_CHECK on service " + CHK + " failed after 1 retries.",
                "TCP connection to " + CHK + " success."), d.log());
    }

    @Test
    void alphaStartsDownAndComesUpOnFirstSuccess() {
        RealServerCheckState st = tcp(tcpDefaults().alpha(true).build());
        assertFalse(st.isUp());
        VirtualClockDriver d = new VirtualClockDriver(st).run(1000, 1000, t -> true);
        assertEquals(List.of(1000L), d.transitions);
        assertTrue(st.isUp());
    }

    @Test
    void alphaStaysDownWhileFailingSilently() {
        // keepalived: the first failure is retried (has_run is then set), so the final failure of an already-down
        // checker is not logged

        RealServerCheckState st = tcp(tcpDefaults().alpha(true).build());
        VirtualClockDriver d = new VirtualClockDriver(st).run(0, 30_000, t -> false);
        assertEquals(List.of(), d.transitions);
        assertFalse(st.isUp());
        assertEquals(List.of(), d.log());
        VirtualClockDriver noRetry = new VirtualClockDriver(tcp(tcpDefaults().alpha(true).retry(0).build()))
                .run(0, 0, t -> false);
        assertEquals(List.of("TCP_CHECK on service " + CHK + " failed."), noRetry.log(), "first run is logged");
    }

    @Test
    void logAllFailuresLogsEveryAttempt() {
        CheckCommon c = tcpDefaults().retry(2).logAllFailures(true).build();
        VirtualClockDriver d = new VirtualClockDriver(tcp(c)).run(0, 12_000, t -> t == 0);
        assertEquals(List.of("TCP connection to " + CHK + " success.", "refused", "refused",
                "TCP_CHECK on service " + CHK + " failed after 2 retries."), d.log());
    }

    @Test
    void warmupSpreadsTheFirstCheck() {
        RealServerCheckState st = tcp(tcpDefaults().warmup(Duration.ofSeconds(30)).build());
        assertEquals(Duration.ofSeconds(1), st.initialDelay(() -> 0.0));
        assertEquals(Duration.ofSeconds(16), st.initialDelay(() -> 0.5));
        assertTrue(st.initialDelay(() -> 0.999).compareTo(Duration.ofSeconds(31)) < 0);
        assertEquals(Duration.ofSeconds(10), CheckCommon.builder(CheckerKind.TCP_CHECK)
                .delayLoop(Duration.ofSeconds(10)).build().warmup(), "warmup defaults to delay_loop");
    }

    @Test
    void weightAdjustmentsAreReportedAndClearedOnFailure() {
        RealServerCheckState st = new RealServerCheckState(CheckCommon.defaults(CheckerKind.MISC_CHECK),
                CheckerMessages.misc("[10.0.0.2]:tcp:80", "[10.0.0.1]:tcp:80", "/bin/chk"));
        RealServerCheckState.Step s1 = st.onResult(new CheckResult(true, "exited with status 7", 4));
        assertTrue(s1.weightChanged());
        assertEquals(4, st.weightDelta());
        assertEquals(List.of("Misc check for [[10.0.0.2]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/chk] succeeded."),
                s1.log());
        assertFalse(st.onResult(new CheckResult(true, "exited with status 7", 4)).weightChanged());
        RealServerCheckState.Step s3 = st.onResult(CheckResult.down("exited with status 1"));
        assertTrue(s3.stateChanged());
        assertTrue(s3.weightChanged());
        assertEquals(0, st.weightDelta());
        assertEquals(List.of("Misc check for [[10.0.0.2]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/chk] failed with "
                + "retry disabled (exited with status 1)."), s3.log());
        RealServerCheckState.Step s4 = st.onResult(CheckResult.up("exited with status 0"));
        assertTrue(s4.stateChanged());
        assertEquals(List.of("Misc check for [[10.0.0.2]:tcp:80 VS [10.0.0.1]:tcp:80] by [/bin/chk] timed out "
                + "with retry disabled."), new RealServerCheckState(CheckCommon.defaults(CheckerKind.MISC_CHECK),
                CheckerMessages.misc("[10.0.0.2]:tcp:80", "[10.0.0.1]:tcp:80", "/bin/chk"))
                .onResult(CheckResult.down("timed out")).log());
    }

    @Test
    void httpCheckerDoesNotRetryOnceDown() {
        CheckCommon c = CheckCommon.builder(CheckerKind.HTTP_GET).delayLoop(Duration.ofSeconds(10)).build();
        RealServerCheckState st = new RealServerCheckState(c, CheckerMessages.forKind(CheckerKind.HTTP_GET, CHK),
                CheckerKind.HTTP_GET.retriesWhileDown());
        VirtualClockDriver d = new VirtualClockDriver(st).run(0, 40_000, t -> t == 0);
        // up at 0; fails at 10, retried at 13 (delay_before_retry 3 s) -> down; then only every delay_loop
        assertEquals(List.of(0L, 10_000L, 13_000L, 23_000L, 33_000L), d.times());
        assertEquals(List.of(13_000L), d.transitions);
        assertFalse(CheckerKind.HTTP_GET.retriesWhileDown());
        assertTrue(CheckerKind.TCP_CHECK.retriesWhileDown());
        assertTrue(CheckerKind.SMTP_CHECK.retriesWhileDown());
    }
}
