package dev.vigil.linux.testing;

import static org.awaitility.Awaitility.await;

import dev.vigil.linux.process.ProcessStopper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump capturing in a namespace to a pcap file (unbuffered), then decoding it: an independent check of what went
 * on the wire.
 */
public final class Tcpdump implements AutoCloseable {
    private final Process process;
    private final Path file;
    private final Path log;
    private final boolean ownsFile;

    private Tcpdump(Process process, Path file, Path log, boolean ownsFile) {
        this.process = process;
        this.file = file;
        this.log = log;
        this.ownsFile = ownsFile;
    }

    /**
     * Starts capturing {@code count} packets (0: until closed) matching {@code filter} on {@code iface}, to a temporary
     * file deleted on close; returns once tcpdump listens.
     */
    public static Tcpdump start(Netns ns, String iface, int count, String... filter) throws IOException {
        return start(ns, Files.createTempFile("vgl-capture", ".pcap"), true, iface, count, filter);
    }

    /** The same, capturing to {@code pcap}, which stays after close. */
    public static Tcpdump start(Netns ns, Path pcap, String iface, int count, String... filter) throws IOException {
        return start(ns, pcap, false, iface, count, filter);
    }

    private static Tcpdump start(Netns ns, Path pcap, boolean ownsFile, String iface, int count, String... filter)
            throws IOException {
        Path log = pcap.resolveSibling(pcap.getFileName() + ".log");
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-i", iface, "--immediate-mode", "-U", "-n",
                "-w", pcap.toString()));
        if (count > 0) {
            cmd.addAll(List.of("-c", String.valueOf(count)));
        }
        cmd.addAll(List.of(filter));
        Tcpdump capture = new Tcpdump(ns.start(log, cmd.toArray(String[]::new)), pcap, log, ownsFile);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> capture.said().contains("listening on")
                    || !capture.process.isAlive());
            if (!capture.said().contains("listening on")) {
                throw new IOException("tcpdump did not start on " + iface + " in " + ns.name() + ": " + capture.said());
            }
        } catch (IOException | RuntimeException e) {
            capture.close();
            throw e;
        }
        return capture;
    }

    /** The pcap file. */
    public Path file() {
        return file;
    }

    /** Waits for a counted capture to finish, then decodes it with {@code tcpdump -r FILE args...}. */
    public String decode(String... args) throws IOException, InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IOException("tcpdump captured too few packets within 10 s");
        }
        return read(args);
    }

    /** Decodes what was captured so far with {@code tcpdump -r FILE args...} (stdout only). */
    public String read(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-r", file.toString()));
        cmd.addAll(List.of(args));
        return Exec.check(cmd.toArray(String[]::new));
    }

    /** For failure messages: whether tcpdump still runs, and what it said. */
    public String diagnostics() {
        return "tcpdump " + (process.isAlive() ? "running" : "exited " + process.exitValue()) + ": " + said().trim();
    }

    private String said() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops tcpdump (SIGTERM, so it flushes the file) and removes its log, and the file when temporary. */
    @Override
    public void close() throws IOException {
        ProcessStopper.stop(process, Duration.ofSeconds(5));
        Files.deleteIfExists(log);
        if (ownsFile) {
            Files.deleteIfExists(file);
        }
    }
}
