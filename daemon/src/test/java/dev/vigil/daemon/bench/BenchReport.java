package dev.vigil.daemon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes a benchmark's section into BENCHMARKS.md: the text between {@code <!-- NAME:begin -->} and
 * {@code <!-- NAME:end -->} is replaced, so each benchmark refreshes its own figures and leaves the rest of the file
 * (other benchmarks, hand-written notes) alone. A missing file or section is created.
 */
final class BenchReport {
    private BenchReport() {
    }

    static void writeSection(Path file, String name, String body) throws IOException {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String section = begin + "\n" + body.strip() + "\n" + end;
        String text = Files.exists(file) ? Files.readString(file) : "# Vigil benchmarks\n";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b >= 0 && e > b) {
            text = text.substring(0, b) + section + text.substring(e + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + section + "\n";
        }
        Files.writeString(file, text);
    }

    /**
     * The lines every section's figures start with: the command that made them ({@code runs}, e.g. "5 runs per
     * pair", after it in brackets unless empty), the date and the machine.
     */
    static String provenance(String command, String runs) {
        return "- Command: `" + command + "`" + (runs.isEmpty() ? "" : " (" + runs + ")") + "\n- Date: " + date()
                + "\n- Machine: " + machine() + "\n";
    }

    /** "2026-11-21 05:40 UTC" */
    static String date() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /** CPU model and count, kernel, JDK and keepalived versions: what the figures depend on. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // keep "unknown CPU"
        }
        return String.format(Locale.ROOT, "%s × %d CPUs, Linux %s, Java %s, %s", cpu,
                Runtime.getRuntime().availableProcessors(), firstLine("uname", "-r"),
                System.getProperty("java.version"), firstLine("/usr/sbin/keepalived", "--version"));
    }

    private static String firstLine(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor(5, TimeUnit.SECONDS);
            return lines.isEmpty() ? "?" : lines.get(0).trim();
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** value / reference, "< 0.01" below that, or "n/a" when the reference is not a positive number. */
    static String ratio(double value, double reference) {
        if (Double.isNaN(value) || Double.isNaN(reference) || reference <= 0) {
            return "n/a";
        }
        double r = value / reference;
        return r < 0.005 ? "< 0.01" : String.format(Locale.ROOT, "%.2f", r);
    }
}
