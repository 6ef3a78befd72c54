package dev.vigil.healthchecker;

import dev.vigil.healthchecker.probe.Probe;
import dev.vigil.healthchecker.probe.ProbeTarget;
import dev.vigil.healthchecker.probe.Transport;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A shared event loop for probe tests. */
abstract class ProbeTestSupport {

    static final Transport TRANSPORT = Transport.best();
    static EventLoopGroup group;

    @BeforeAll
    static void startLoop() {
        group = TRANSPORT.newGroup(1);
    }

    @AfterAll
    static void stopLoop() {
        // bounded: a stuck event loop fails this class in 30 s instead of hanging the build for JUnit's 10 minutes
        if (!group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS)) {
            dumpThreads("event loop did not stop");
            throw new AssertionError("the probe event loop did not stop within 30 s");
        }
    }

    static CheckResult run(Probe probe) throws Exception {
        try {
            return probe.run(group.next()).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            dumpThreads("probe did not complete"); // what the event loop is doing, for the report
            throw e;
        }
    }

    /** Every thread's stack on stderr (surefire keeps it in the class's -output.txt). */
    private static void dumpThreads(String why) {
        StringBuilder out = new StringBuilder("--- thread dump: " + why + " ---\n");
        Thread.getAllStackTraces().forEach((t, stack) -> {
            out.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement e : stack) {
                out.append("    at ").append(e).append('\n');
            }
        });
        System.err.print(out);
    }

    static ProbeTarget target(int port) {
        return target(port, Duration.ofSeconds(5));
    }

    static ProbeTarget target(int port, Duration timeout) {
        return new ProbeTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, timeout);
    }

    static String chk(int port) {
        return "[127.0.0.1]:tcp:" + port;
    }

    static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
