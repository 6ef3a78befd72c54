package dev.vigil.daemon;

import dev.vigil.linux.NativeHeap;

/**
 * Returns the garbage of a start-up or a reload to the OS at once. Parsing the configuration and wiring the
 * subsystems leave tens of MB of dead objects and freed C-heap pages; left alone, the JVM would keep them resident
 * until its next periodic collection (the lab's directors measured 100 MB for their first 5 s, 62 MB after).
 * A collection (concurrent under Shenandoah: no pause beyond a millisecond) lets the heap uncommit its empty regions
 * ({@code ShenandoahUncommitDelay}, 1 s), and {@code malloc_trim} returns the C heap's free pages.
 */
final class MemoryRelease implements Runnable {
    @Override
    public void run() {
        System.gc(); // Shenandoah runs it as a concurrent cycle (ExplicitGCInvokesConcurrent is its default)
        NativeHeap.trim();
    }
}
