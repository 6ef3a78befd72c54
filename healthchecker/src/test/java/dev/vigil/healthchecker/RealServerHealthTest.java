package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealServerHealthTest {

    private final Endpoint rs = Endpoint.tcp(InetAddress.getLoopbackAddress(), 8080);
    private final VirtualServerKey vs = VirtualServerKey.of(Endpoint.tcp(InetAddress.getLoopbackAddress(), 80));

    private RealServerHealth twoCheckers(boolean alpha) {
        CheckCommon c = CheckCommon.builder(CheckerKind.TCP_CHECK).retry(0).alpha(alpha).build();
        return new RealServerHealth(vs, rs, 10,
                List.of(new RealServerCheckState(c, CheckerMessages.forKind(CheckerKind.TCP_CHECK, rs.toString())),
                        new RealServerCheckState(c, CheckerMessages.forKind(CheckerKind.HTTP_GET, rs.toString()))),
                List.of("TCP_CHECK", "HTTP_GET"));
    }

    @Test
    void aliveOnlyWhileEveryCheckerIsUp() {
        RealServerHealth h = twoCheckers(false);
        assertTrue(h.alive());
        RealServerHealth.Update u = h.onResult(1, CheckResult.down("HTTP status code error"));
        assertFalse(h.alive());
        RealServerHealthChanged e = u.event().orElseThrow();
        assertFalse(e.up());
        assertEquals("HTTP_GET", e.checker());
        assertEquals("HTTP_CHECK on service [127.0.0.1]:tcp:8080 failed.", e.detail());
        assertEquals(vs, e.vs());
        assertEquals(rs, e.rs());
        // the other checker failing too changes nothing for the server
        assertTrue(h.onResult(0, CheckResult.down("refused")).event().isEmpty());
        assertTrue(h.onResult(0, CheckResult.up("ok")).event().isEmpty(), "HTTP still down");
        RealServerHealthChanged back = h.onResult(1, CheckResult.up("ok")).event().orElseThrow();
        assertTrue(back.up());
        assertEquals(10, back.weight());
    }

    @Test
    void alphaServerComesUpWhenAllCheckersSucceed() {
        RealServerHealth h = twoCheckers(true);
        assertFalse(h.alive());
        assertTrue(h.onResult(0, CheckResult.up("ok")).event().isEmpty());
        assertTrue(h.onResult(1, CheckResult.up("ok")).event().orElseThrow().up());
    }

    @Test
    void dynamicWeightChangesAreEventsWhileAlive() {
        RealServerHealth h = new RealServerHealth(vs, rs, 10, List.of(new RealServerCheckState(
                CheckCommon.defaults(CheckerKind.MISC_CHECK), CheckerMessages.misc(rs.toString(), vs.toString(), "/x"))),
                List.of("MISC_CHECK"));
        RealServerHealthChanged e = h.onResult(0, new CheckResult(true, "exited with status 7", 5 - 10))
                .event().orElseThrow();
        assertTrue(e.up());
        assertEquals(5, e.weight());
        assertTrue(h.onResult(0, new CheckResult(true, "exited with status 7", 5 - 10)).event().isEmpty());
        assertEquals(0, new RealServerHealth(vs, rs, 1, List.of(), List.of()).weight() - 1);
    }
}
