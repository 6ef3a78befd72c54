package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrowingFileTest {
    @TempDir
    Path dir;

    @Test
    void readsOnlyWhatWasAppendedPastTheOffset() throws Exception {
        Path log = Files.writeString(dir.resolve("log"), "first\n");
        assertEquals("first\n", new String(GrowingFile.readFrom(log, 0), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[0], GrowingFile.readFrom(log, 6), "nothing new yet");
        Files.writeString(log, "second\n", StandardOpenOption.APPEND);
        assertEquals("second\n", new String(GrowingFile.readFrom(log, 6), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[0], GrowingFile.readFrom(log, 99), "an offset past the end reads nothing");
    }
}
