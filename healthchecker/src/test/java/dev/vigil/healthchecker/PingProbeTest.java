package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.probe.IcmpPinger;
import dev.vigil.healthchecker.probe.PingProbe;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** PING_CHECK over the shared ICMP socket, to loopback only. */
class PingProbeTest extends ProbeTestSupport {

    @Test
    void loopbackAnswersEveryConcurrentPing() throws Exception {
        Assumptions.assumeTrue(TRANSPORT.isEpoll(), "ICMP on the event loop needs epoll");
        IcmpPinger pinger = IcmpPinger.open(TRANSPORT, group.next());
        if (dev.vigil.linux.process.PosixUser.current().uid() == 0) {
            assertNotNull(pinger, "running as root, a raw ICMP socket opens");
        }
        Assumptions.assumeTrue(pinger != null, "no ICMP socket allowed for this user");
        try {
            List<CompletableFuture<CheckResult>> all = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                InetAddress a = InetAddress.getByName("127.0.0." + (1 + i % 3));
                all.add(pinger.ping(a, Duration.ofSeconds(5)));
            }
            for (CompletableFuture<CheckResult> f : all) {
                CheckResult r = f.get(30, TimeUnit.SECONDS);
                assertTrue(r.success(), r.detail());
            }
            PingProbe probe = new PingProbe(target(0), () -> pinger, ForkJoinPool.commonPool());
            assertEquals("echo reply", run(probe).detail());
        } finally {
            pinger.close();
        }
    }

    @Test
    void fallsBackToIsReachableWithoutPinger() throws Exception {
        PingProbe probe = new PingProbe(target(0), () -> null, ForkJoinPool.commonPool());
        assertTrue(run(probe).success());
    }
}
