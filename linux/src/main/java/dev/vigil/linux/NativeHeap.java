package dev.vigil.linux;

import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * glibc's {@code malloc_trim(3)}: gives the C heap's free pages back to the OS. The JVM frees its start-up and
 * reload scratch memory (class parsing, JIT arenas) with {@code free}, but glibc keeps those pages mapped in each
 * thread's arena; a daemon that lives for months should not carry them (about 1.4 MB at start-up).
 *
 * <p>Bound apart from {@link LibC}: {@code malloc_trim} is a glibc extension, and a C library without it (musl)
 * must cost this one feature, not every socket call.
 */
public final class NativeHeap {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
    private static final boolean AVAILABLE = register();

    private NativeHeap() {
    }

    private static boolean register() {
        try {
            Native.register(NativeHeap.class, "c");
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("malloc_trim is not available ({}); native heap trimming is off", e.toString());
            return false;
        }
    }

    private static native int malloc_trim(long pad);

    /** Returns the C heap's free pages to the OS; false when nothing could be returned or glibc is absent. */
    public static boolean trim() {
        return AVAILABLE && malloc_trim(0) == 1;
    }
}
