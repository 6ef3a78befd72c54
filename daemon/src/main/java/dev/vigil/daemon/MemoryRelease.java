package dev.vigil.daemon;

import dev.vigil.linux.NativeHeap;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives memory the daemon no longer uses back to the OS.
 *
 * <p>After the start-up: parsing the configuration and wiring the subsystems leave tens of MB of dead objects and
 * freed C-heap pages; left alone, the JVM would keep them resident until its first periodic collection (the lab's
 * directors measured 100 MB for their first 5 s, 62 MB after). A collection (concurrent under Shenandoah) lets the
 * heap uncommit its empty regions ({@code ShenandoahUncommitDelay}, 1 s), and {@code malloc_trim} returns the C
 * heap's free pages. Not after a reload: there the periodic collection (every 5 s) suffices, and an extra cycle
 * would compete with a loaded checker for the CPU the VRRP thread needs.
 *
 * <p>Then every {@link #TRIM_INTERVAL}: the JIT keeps compiling for minutes after the start-up, and glibc keeps
 * the pages of its freed compile arenas (about 1.3 MB for a lab director) unless asked to return them.
 */
final class MemoryRelease implements AutoCloseable {
    static final Duration TRIM_INTERVAL = Duration.ofMinutes(1);

    private final ScheduledExecutorService trimmer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-trim");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    /** Collects the start-up's garbage, trims the C heap, and from now on trims it every {@link #TRIM_INTERVAL}. */
    void afterStartup() {
        System.gc(); // Shenandoah runs it as a concurrent cycle (ExplicitGCInvokesConcurrent is its default)
        NativeHeap.trim();
        long every = TRIM_INTERVAL.toMillis();
        trimmer.scheduleWithFixedDelay(NativeHeap::trim, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        trimmer.shutdownNow();
    }
}
