package dev.vigil.linux.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** VmRSS from /proc/PID/status: this JVM's own, a reaped process's, and texts the kernel never writes. */
class ProcStatusTest {

    @Test
    void thisJvmsResidentSetAgreesWithStatm() throws Exception {
        long pid = ProcessHandle.current().pid();
        long rss = ProcStatus.residentKib(pid).orElseThrow();
        // statm's second field counts the same resident pages, independently of status's formatting
        long pages = Long.parseLong(Files.readString(Path.of("/proc", Long.toString(pid), "statm")).split(" ")[1]);
        long statmKib = pages * 4;
        // the two reads are moments apart and the JVM allocates meanwhile: they agree to within 10 %
        assertTrue(Math.abs(rss - statmKib) <= statmKib / 10, rss + " KiB vs statm " + statmKib + " KiB");
        assertTrue(rss > 8 * 1024, "a JVM is resident with more than 8 MiB: " + rss);
    }

    @Test
    void aProcessThatIsGoneHasNone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        // waitFor reaped it, so its /proc entry is gone (the pid is not reused this soon)
        assertEquals(OptionalLong.empty(), ProcStatus.residentKib(p.pid()));
        assertEquals(OptionalLong.empty(), ProcStatus.residentKib(-1));
    }

    @Test
    void readsTheVmRssLineOfAStatusText() {
        String status = "Name:\tjava\nVmPeak:\t 3000 kB\nVmHWM:\t   900 kB\nVmRSS:\t   812 kB\nThreads:\t19\n";
        assertEquals(OptionalLong.of(812), ProcStatus.residentKib(status));
        assertEquals(OptionalLong.of(5), ProcStatus.residentKib("VmRSS:\t5 kB"), "first line, no newline");
    }

    @Test
    void aKernelThreadOrAMalformedLineHasNone() {
        assertEquals(OptionalLong.empty(), ProcStatus.residentKib("Name:\tkthreadd\nThreads:\t1\n"));
        assertEquals(OptionalLong.empty(), ProcStatus.residentKib("VmRSS:\t 812 MB\n"), "not the kernel's unit");
        assertEquals(OptionalLong.empty(), ProcStatus.residentKib("VmRSS:\t lots kB\n"));
        assertEquals(OptionalLong.empty(), ProcStatus.residentKib("XVmRSS:\t 812 kB\n"));
        assertEquals(OptionalLong.empty(), ProcStatus.residentKib(""));
    }
}
