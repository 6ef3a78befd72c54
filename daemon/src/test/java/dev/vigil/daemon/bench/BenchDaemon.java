package dev.vigil.daemon.bench;

import dev.vigil.daemon.it.LauncherFlags;
import dev.vigil.linux.process.ProcStatus;
import dev.vigil.linux.process.ProcessStopper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A benchmarked daemon, Vigil or keepalived, running in a network namespace without detail logging: Vigil with the
 * launcher's JVM flags ({@link LauncherFlags}; {@code -Dbench.jvmExtra="..."} adds flags after them, as the
 * launcher's VIGIL_EXTRA_JAVA_OPTS does) from the test class path, keepalived 2.2.7 as installed. It reads
 * what the figures need from /proc (CPU time and resident memory of the daemon and all its processes) and from its
 * console log. {@code ip netns exec} execs the daemon in place, so the started process is the daemon itself.
 */
final class BenchDaemon implements AutoCloseable {
    static final String KEEPALIVED = "/usr/sbin/keepalived";
    /** "Reload complete": both daemons log it when a SIGHUP reload is done. */
    static final String RELOAD_COMPLETE = "Reload complete";

    /** The implementations compared. */
    enum Impl {
        KEEPALIVED("keepalived 2.2.7"), VIGIL("Vigil");

        final String label;

        Impl(String label) {
            this.label = label;
        }

        boolean available() {
            return this == VIGIL || Files.isExecutable(Path.of(BenchDaemon.KEEPALIVED));
        }
    }

    private final Impl impl;
    private final Process process;
    private final Path log;
    private final Path conf;
    private final long execMicros;

    private BenchDaemon(Impl impl, Process process, Path log, Path conf, long execMicros) {
        this.impl = impl;
        this.process = process;
        this.log = log;
        this.conf = conf;
        this.execMicros = execMicros;
    }

    /**
     * Starts {@code impl} in {@code namespace} with keepalived.conf text {@code config}; {@code settings} is extra
     * HOCON for Vigil's settings file (ignored for keepalived). Files go to {@code dir}.
     */
    static BenchDaemon start(Impl impl, String namespace, Path dir, String config, String settings)
            throws IOException {
        Files.createDirectories(dir);
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        Path log = dir.resolve(impl.name().toLowerCase(java.util.Locale.ROOT) + ".log");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        if (impl == Impl.VIGIL) {
            Path s = Files.writeString(dir.resolve("vigil.conf"), "vigil.status.socket = \"" + dir.resolve("vigil.sock")
                    + "\"\n" + settings);
            cmd.addAll(List.of("env", "TMPDIR=" + dir, Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(LauncherFlags.forThisJdk());
            // like the launcher's VIGIL_EXTRA_JAVA_OPTS: for diagnostics such as -Xlog:gc,safepoint:file=...
            String extra = System.getProperty("bench.jvmExtra", "").trim();
            if (!extra.isEmpty()) {
                cmd.addAll(List.of(extra.split("\\s+")));
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.vigil.daemon.Main", "-n", "-l",
                    "-f", conf.toString(), "--settings", s.toString(), "-p", dir.resolve("vigil.pid").toString()));
        } else {
            cmd.addAll(List.of(KEEPALIVED, "-n", "-l", "-f", conf.toString(), "-p", dir.resolve("ka.pid").toString(),
                    "-r", dir.resolve("vrrp.pid").toString(), "-c", dir.resolve("check.pid").toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        long now = BenchTime.nowMicros();
        return new BenchDaemon(impl, pb.start(), log, conf, now);
    }

    Impl impl() {
        return impl;
    }

    /** When the daemon was exec'd (CLOCK_REALTIME µs, just before the fork). */
    long execMicros() {
        return execMicros;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** CPU time (user + system, clock ticks of 10 ms) used so far by the daemon and all its processes. */
    long cpuTicks() {
        return processes().mapToLong(BenchDaemon::ticksOf).sum();
    }

    /** Resident memory (VmRSS, KiB) of the daemon and all its processes (one that exited meanwhile counts 0). */
    long rssKib() {
        return processes().mapToLong(p -> ProcStatus.residentKib(p.pid()).orElse(0)).sum();
    }

    private Stream<ProcessHandle> processes() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants());
    }

    private static long ticksOf(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return 0; // exited meanwhile
        }
    }

    /** Current length of the console log: an offset for {@link #awaitLog}. */
    long logOffset() throws IOException {
        return Files.size(log);
    }

    /**
     * Polls the log (every 2 ms) until {@code fragment} appears after {@code offset}; returns the CLOCK_REALTIME µs
     * at which it was seen.
     */
    long awaitLog(String fragment, long offset, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (new String(GrowingFile.readFrom(log, offset), StandardCharsets.UTF_8).contains(fragment)) {
                return BenchTime.nowMicros();
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException(impl.label + ": no '" + fragment + "' within " + timeout
                        + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
            }
            Thread.sleep(2);
        }
    }

    /** Sends a signal to the daemon's main process (keepalived's parent forwards SIGHUP to its children). */
    void signal(String name) throws IOException, InterruptedException {
        if (new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start().waitFor() != 0) {
            throw new IOException("kill -" + name + " " + pid() + " failed");
        }
    }

    /** Rewrites the configuration file (for a reload that changes something). */
    void rewriteConfig(String config) throws IOException {
        Files.writeString(conf, config);
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    void stop() {
        ProcessStopper.stop(process, Duration.ofSeconds(20));
    }

    String logTail(int lines) throws IOException {
        List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        ProcessStopper.kill(process);
    }
}
