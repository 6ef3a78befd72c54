package dev.vigil.linux.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Real keepalived 2.2.7 (VRRP only, foreground, console log to a file) running in a test namespace. */
public final class Keepalived implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final Path log;

    private Keepalived(Process process, Path dir, Path log) {
        this.process = process;
        this.dir = dir;
        this.log = log;
    }

    public static Keepalived start(Netns ns, String config) throws IOException {
        Path dir = Files.createTempDirectory("vgll-keepalived");
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        Path log = dir.resolve("log");
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "keepalived", "-n", "-l", "-D", "-P",
                "-f", conf.toString(), "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Keepalived(p, dir, log);
    }

    /** Everything keepalived logged so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
