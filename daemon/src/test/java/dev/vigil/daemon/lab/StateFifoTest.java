package dev.vigil.daemon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab reads keepalived's notify FIFO lines; anything else on the FIFO is ignored. */
class StateFifoTest {
    @TempDir
    Path dir;

    @Test
    void parsesInstanceLinesOnly() {
        StateFifo.Transition t = StateFifo.parse(7, "INSTANCE \"VI_1\" MASTER 150\n");
        assertEquals(new StateFifo.Transition(7, "VI_1", "MASTER", 150), t);
        assertNull(StateFifo.parse(7, "GROUP \"G1\" MASTER"));
        assertNull(StateFifo.parse(7, "INSTANCE VI_1 MASTER"));
        assertNull(StateFifo.parse(7, ""));
    }

    @Test
    void followsWhatADaemonWritesAcrossWritersComingAndGoing() throws IOException {
        List<StateFifo.Transition> seen = new CopyOnWriteArrayList<>();
        Path path = dir.resolve("notify.fifo");
        try (StateFifo fifo = StateFifo.create(path, "test", seen::add)) {
            write(path, "INSTANCE \"VI_1\" BACKUP 100\nGROUP \"G\" BACKUP\nINSTANCE \"VI_1\" MAS");
            write(path, "TER 100\n"); // a line split across writes, and a writer that closed in between
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
            assertEquals(List.of("BACKUP", "MASTER"), seen.stream().map(StateFifo.Transition::state).toList());
        }
    }

    private static void write(Path fifo, String text) throws IOException {
        try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
