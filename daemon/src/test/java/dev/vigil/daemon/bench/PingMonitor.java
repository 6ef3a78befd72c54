package dev.vigil.daemon.bench;

import dev.vigil.daemon.it.NetHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client pinging an address every 10 ms ({@code ping -D -i 0.01}, line-buffered into a file) to see a failover the
 * way a user of the VIP does: the longest gap between two consecutive replies is the client-visible outage.
 */
final class PingMonitor implements AutoCloseable {
    private final Path log;
    private final Process ping;

    private PingMonitor(Path log, Process ping) {
        this.log = log;
        this.ping = ping;
    }

    static PingMonitor start(NetHost client, Path dir, String address) throws IOException {
        Path log = dir.resolve("ping-" + System.nanoTime() + ".log");
        Process p = client.start(log, "stdbuf", "-oL", "ping", "-D", "-n", "-i", "0.01", address);
        return new PingMonitor(log, p);
    }

    /** Capture times (µs since the epoch) of every echo reply so far, in order. */
    List<Long> replyMicros() throws IOException {
        List<Long> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String line : Files.readAllLines(log)) {
            // "[1795239641.586887] 64 bytes from 10.99.0.100: icmp_seq=1 ttl=64 time=0.05 ms"
            int close = line.indexOf(']');
            if (line.startsWith("[") && close > 0 && line.contains(" bytes from ")) {
                out.add(BenchTime.parseMicros(line.substring(1, close)));
            }
        }
        return out;
    }

    boolean repliedAfter(long micros) throws IOException {
        List<Long> r = replyMicros();
        return !r.isEmpty() && r.get(r.size() - 1) > micros;
    }

    /** The longest interval between consecutive replies, in µs (0 with fewer than two replies). */
    long longestGapMicros() throws IOException {
        List<Long> r = replyMicros();
        long longest = 0;
        for (int i = 1; i < r.size(); i++) {
            longest = Math.max(longest, r.get(i) - r.get(i - 1));
        }
        return longest;
    }

    @Override
    public void close() {
        ping.destroy();
        try {
            ping.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
