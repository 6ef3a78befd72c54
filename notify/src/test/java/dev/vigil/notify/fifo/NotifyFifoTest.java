package dev.vigil.notify.fifo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real FIFOs (mkfifo) in a temporary directory. */
class NotifyFifoTest {
    @TempDir
    Path dir;

    @Test
    void lineFormats() {
        assertEquals("INSTANCE \"VI_1\" MASTER 150\n", FifoLines.instance("VI_1", "MASTER", 150));
        assertEquals("GROUP \"G1\" BACKUP 0\n", FifoLines.group("G1", "BACKUP"));
        assertEquals("VS [10.0.0.1]:tcp:80 UP\n", FifoLines.virtualServer("[10.0.0.1]:tcp:80", true));
        assertEquals("RS [192.168.1.2]:tcp:80 [10.0.0.1]:tcp:80 DOWN\n",
                FifoLines.realServer("[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80", false));
        assertEquals("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150\n",
                FifoLines.instance("VI_1", FifoLines.MASTER_RX_LOWER_PRI, 150));
    }

    @Test
    void createsAMissingFifoWithMode0600AndRemovesItOnClose() throws Exception {
        Path path = dir.resolve("notify.fifo");
        try (NotifyFifo fifo = NotifyFifo.open(path, "")) {
            assertEquals(path, fifo.path());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            assertTrue(Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).isOther());
        }
        assertFalse(Files.exists(path), "a FIFO Vigil created is removed on close, as keepalived does");
    }

    @Test
    void aCreatedFifoIsGivenToTheConfiguredUserAndGroup() throws Exception {
        Path path = dir.resolve("owned.fifo");
        try (NotifyFifo fifo = NotifyFifo.open(path, "", 16, "nobody", "nogroup")) {
            assertEquals(path, fifo.path());
            java.nio.file.attribute.PosixFileAttributes attrs = Files.readAttributes(path,
                    java.nio.file.attribute.PosixFileAttributes.class);
            assertEquals("nobody", attrs.owner().getName());
            assertEquals("nogroup", attrs.group().getName());
        }
        try (LogCapture log = new LogCapture(NotifyFifo.class);
             NotifyFifo fifo = NotifyFifo.open(path, "", 16, "no-such-user-vigil", null)) {
            assertEquals(path, fifo.path());
            assertEquals(java.util.List.of("Failed to set uid:gid for fifo " + path), log.messages());
        }
    }

    @Test
    void anExistingFifoIsUsedAndKept() throws Exception {
        Path path = dir.resolve("existing.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", "-m", "0644", path.toString()).start().waitFor());
        try (FifoReader reader = new FifoReader(path); NotifyFifo fifo = NotifyFifo.open(path, "vrrp ")) {
            fifo.write(FifoLines.instance("VI_1", "BACKUP", 100), false);
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.text().equals("INSTANCE \"VI_1\" BACKUP 100\n"));
        }
        assertTrue(Files.exists(path));
    }

    @Test
    void aRestartedReaderGetsWhatWasWrittenWhileItWasAway() throws Exception {
        Path path = dir.resolve("restart.fifo");
        try (NotifyFifo fifo = NotifyFifo.open(path, "")) {
            try (FifoReader first = new FifoReader(path)) {
                fifo.write(FifoLines.instance("VI_1", "BACKUP", 100), false);
                await().atMost(Duration.ofSeconds(10)).until(() -> first.text().endsWith("\n"));
            }
            // no reader now: the write neither fails nor blocks (the FIFO is held open read-write, as keepalived)
            assertTrue(fifo.write(FifoLines.instance("VI_1", "MASTER", 100), false));
            try (FifoReader second = new FifoReader(path)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> second.text().equals("INSTANCE \"VI_1\" MASTER 100\n"));
            }
        }
    }

    @Test
    void aRegularFileIsRefusedWithKeepalivedsMessage() throws Exception {
        Path path = Files.writeString(dir.resolve("plain"), "x");
        IOException e = assertThrows(IOException.class, () -> NotifyFifo.open(path, "lvs "));
        assertTrue(e.getMessage().startsWith("Unable to open lvs notify fifo " + path), e.getMessage());
    }

    @Test
    void missingDirectoryGivesTheCreateMessage() {
        Path path = dir.resolve("no/such/dir/fifo");
        IOException e = assertThrows(IOException.class, () -> NotifyFifo.open(path, "vrrp "));
        assertTrue(e.getMessage().startsWith("Unable to create vrrp notify fifo " + path), e.getMessage());
    }

    @Test
    void aMissingReaderNeverBlocksAndDropsAreLogged() throws Exception {
        Path path = dir.resolve("unread.fifo");
        try (LogCapture log = new LogCapture(NotifyFifo.class); NotifyFifo fifo = NotifyFifo.open(path, "", 16)) {
            String line = FifoLines.realServer("[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80", false);
            int accepted = 0;
            // Far more than the 64 KiB pipe buffer plus 16 buffered lines: the caller must never block.
            for (int i = 0; i < 20_000; i++) {
                if (fifo.write(line, false)) {
                    accepted++;
                }
            }
            assertTrue(accepted < 20_000, "some lines were dropped: " + accepted);
            assertTrue(log.messages().stream().anyMatch(m -> m.equals("Notify fifo " + path
                    + " is not being read: dropped 'RS [192.168.1.2]:tcp:80 [10.0.0.1]:tcp:80 DOWN'")));
        }
    }

    @Test
    void vrrpAndLvsLinesGoToTheRightFifos() throws Exception {
        Path global = dir.resolve("all.fifo");
        Path vrrp = dir.resolve("vrrp.fifo");
        Path lvs = dir.resolve("lvs.fifo");
        try (NotifyFifos fifos = NotifyFifos.open(new NotifyFifos.FifoSpec(global, null),
                new NotifyFifos.FifoSpec(vrrp, null), new NotifyFifos.FifoSpec(lvs, null), true, new ScriptRunner());
             FifoReader all = new FifoReader(global); FifoReader v = new FifoReader(vrrp);
             FifoReader l = new FifoReader(lvs)) {
            fifos.writeVrrp(FifoLines.instance("VI_1", "MASTER", 150));
            fifos.writeLvs(FifoLines.virtualServer("[10.0.0.1]:tcp:80", true));
            String vsLine = "VS [10.0.0.1]:tcp:80 UP\n\0";
            await().atMost(Duration.ofSeconds(10)).until(() -> all.text().length() == 27 + vsLine.length());
            assertEquals("INSTANCE \"VI_1\" MASTER 150\n" + vsLine, all.text());
            await().atMost(Duration.ofSeconds(10)).until(() -> l.text().length() == vsLine.length());
            assertArrayEquals(vsLine.getBytes(StandardCharsets.UTF_8), l.bytes(), "LVS line with its NUL");
            await().atMost(Duration.ofSeconds(10)).until(() -> v.text().equals("INSTANCE \"VI_1\" MASTER 150\n"));
            assertEquals(3, fifos.paths().size());
        }
    }

    @Test
    void lvsLinesWithoutNulAsKeepalived227() throws Exception {
        Path lvs = dir.resolve("lvs.fifo");
        try (NotifyFifos fifos = NotifyFifos.open(null, null, new NotifyFifos.FifoSpec(lvs, null), false,
                new ScriptRunner()); FifoReader l = new FifoReader(lvs)) {
            fifos.writeLvs(FifoLines.realServer("[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80", true));
            fifos.writeVrrp(FifoLines.instance("VI_1", "MASTER", 150)); // not an LVS line: not written here
            await().atMost(Duration.ofSeconds(10)).until(() -> l.text().endsWith("\n"));
            assertEquals("RS [192.168.1.2]:tcp:80 [10.0.0.1]:tcp:80 UP\n", l.text());
        }
    }

    @Test
    void fifoScriptGetsTheFifoAsLastArgumentAndReadsIt() throws Exception {
        Path fifo = dir.resolve("scripted.fifo");
        Path out = dir.resolve("seen.txt");
        Path script = dir.resolve("reader.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $2\" > " + out + ".args\n"
                + "while read -r line; do echo \"$line\" >> " + out + "; done < \"$2\"\n");
        script.toFile().setExecutable(true);
        try (NotifyFifos fifos = NotifyFifos.open(new NotifyFifos.FifoSpec(fifo,
                ScriptCommand.parse(script + " first")), null, null, false, new ScriptRunner())) {
            fifos.writeVrrp(FifoLines.group("G1", "BACKUP"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out)
                    && Files.readString(out).equals("GROUP \"G1\" BACKUP 0\n"));
            assertEquals("first " + fifo + "\n", Files.readString(Path.of(out + ".args")));
        }
    }
}
