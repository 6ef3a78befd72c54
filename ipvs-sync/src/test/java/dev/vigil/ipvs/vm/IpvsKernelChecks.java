package dev.vigil.ipvs.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Guest side of {@link IpvsKernelVmTest}: runs inside the QEMU guest as root against the real IPVS kernel and prints
 * {@code VMCHECK name PASS|FAIL detail} lines, then {@code VMDONE}.
 */
public final class IpvsKernelChecks {
    static final int EXPECTED_CHECKS = 1;

    private IpvsKernelChecks() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        check("proc-net-ip_vs", () -> {
            String proc = Files.readString(Path.of("/proc/net/ip_vs"), StandardCharsets.UTF_8);
            return proc.startsWith("IP Virtual Server version") ? null : "unexpected /proc/net/ip_vs: " + proc;
        });
        figure("guest-checks-ms", (System.nanoTime() - start) / 1_000_000);
        System.out.println("VMDONE");
    }

    /** A check returns null on success or a failure description. */
    interface Check {
        String run() throws Exception;
    }

    static void check(String name, Check c) {
        String failure;
        try {
            failure = c.run();
        } catch (Throwable t) {
            failure = t.toString().replace('\n', ' ');
        }
        System.out.println("VMCHECK " + name + (failure == null ? " PASS" : " FAIL " + failure));
    }

    static void figure(String name, Object value) {
        System.out.println("VMFIGURE " + name + " " + value);
    }

    /** Runs a command and returns its stdout+stderr; a non-zero exit is an error naming the output. */
    static String sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " hung");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }
}
