package dev.vigil.linux;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

class NativeHeapTest {
    @Test
    void freedCHeapPagesAreReturnedToTheOs() {
        // 32 MB in 64 KB blocks: below glibc's mmap threshold, so they come from (and go back to) the malloc arena
        long[] blocks = new long[512];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = Native.malloc(64 * 1024);
            assertTrue(blocks[i] != 0);
        }
        for (long b : blocks) {
            Native.free(b);
        }
        assertTrue(NativeHeap.trim(), "malloc_trim released the freed blocks");
    }
}
