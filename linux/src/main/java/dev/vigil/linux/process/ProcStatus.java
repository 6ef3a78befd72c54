package dev.vigil.linux.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a process's resident memory from {@code /proc/<pid>/status} (proc(5)): the one place the lab's memory report,
 * the benchmarks and their figures take {@code VmRSS} from.
 */
public final class ProcStatus {
    private static final String RESIDENT = "VmRSS:";

    private ProcStatus() {
    }

    /**
     * The resident set ({@code VmRSS}) of process {@code pid} in KiB; empty when the process is gone (or exits while
     * being read), is a kernel thread (no {@code VmRSS} line) or /proc is not mounted.
     */
    public static OptionalLong residentKib(long pid) {
        String status;
        try {
            status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException e) {
            return OptionalLong.empty(); // gone, or no /proc
        }
        return residentKib(status);
    }

    /** The {@code VmRSS} of a {@code /proc/<pid>/status} text in KiB; empty when it has no well-formed such line. */
    static OptionalLong residentKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith(RESIDENT)) {
                // "VmRSS:\t   12345 kB": the kernel always counts in kB (KiB)
                String value = line.substring(RESIDENT.length()).trim();
                if (!value.endsWith(" kB")) {
                    return OptionalLong.empty();
                }
                try {
                    return OptionalLong.of(Long.parseLong(value.substring(0, value.length() - 3).trim()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
