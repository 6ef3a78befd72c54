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
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static CheckResult run(Probe probe) throws Exception {
        return probe.run(group.next()).get(30, TimeUnit.SECONDS);
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
