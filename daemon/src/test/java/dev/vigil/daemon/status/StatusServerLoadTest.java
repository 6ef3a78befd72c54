package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many concurrent {@code vigil status} queries while idle clients hold connections open: every answer is complete
 * and correct. Prints the round-trip latency figures (not asserted: timing is machine-dependent).
 */
@Tag("slow")
class StatusServerLoadTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 500;
    private static final int IDLE_CLIENTS = 16;

    @TempDir
    Path dir;

    @Test
    void concurrentQueriesAllAnsweredDespiteIdleClients() throws Exception {
        Path sock = dir.resolve("vigil.sock");
        String expected = StatusJson.render(Snapshots.sample());
        List<SocketChannel> idle = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (StatusServer server = StatusServer.start(sock,
                new StatusRequests(Snapshots::sample, () -> ""), Duration.ofSeconds(30))) {
            for (int i = 0; i < IDLE_CLIENTS; i++) {
                idle.add(SocketChannel.open(UnixDomainSocketAddress.of(server.path())));
            }
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    long[] nanos = new long[PER_THREAD];
                    for (int i = 0; i < PER_THREAD; i++) {
                        long start = System.nanoTime();
                        String answer = StatusClient.ask(sock, StatusRequests.STATUS_JSON, Duration.ofSeconds(10));
                        nanos[i] = System.nanoTime() - start;
                        assertEquals(expected, answer);
                    }
                    return nanos;
                }));
            }
            long[] all = new long[THREADS * PER_THREAD];
            int n = 0;
            for (Future<long[]> f : results) {
                for (long v : f.get()) {
                    all[n++] = v;
                }
            }
            Arrays.sort(all);
            System.out.printf("status json round trip (%d threads x %d, %d idle clients): p50 %.3f ms, p99 %.3f ms,"
                            + " max %.3f ms%n", THREADS, PER_THREAD, IDLE_CLIENTS, all[all.length / 2] / 1e6,
                    all[all.length * 99 / 100] / 1e6, all[all.length - 1] / 1e6);
        } finally {
            pool.shutdownNow();
            for (SocketChannel c : idle) {
                c.close();
            }
        }
    }
}
