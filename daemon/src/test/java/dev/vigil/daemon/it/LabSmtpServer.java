package dev.vigil.daemon.it;

import static org.awaitility.Awaitility.await;

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
 * An SMTP server inside a lab host, reachable by the other hosts: {@link SmtpSinkMain} in a child JVM started with
 * {@code ip netns exec}. Each start writes into a fresh directory, so {@link #messages()} lists exactly what this run
 * received. The lab kills the process when it closes; {@link #stop()} kills it earlier (a crashed mail server).
 */
final class LabSmtpServer implements AutoCloseable {
    static final int PORT = 2525;

    private final Process process;
    private final Path dir;
    private final Path log;

    private LabSmtpServer(Process process, Path dir, Path log) {
        this.process = process;
        this.dir = dir;
        this.log = log;
    }

    /** Starts the server in {@code host} and waits until it listens. {@code run} names this run's directory. */
    static LabSmtpServer start(NetLab lab, NetHost host, String run) throws IOException {
        Path dir = Files.createDirectories(lab.workDir().resolve("smtp-" + run));
        Path log = lab.workDir().resolve("smtp-" + run + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = host.start(log, java, "-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SmtpSinkMain.class.getName(),
                Integer.toString(PORT), dir.toString());
        LabSmtpServer server = new LabSmtpServer(p, dir, log);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> server.output().contains("READY") || !p.isAlive());
            if (!p.isAlive()) {
                throw new IOException("SMTP server exited: " + server.output());
            }
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    /** Every message received so far, in arrival order. */
    List<ReceivedMail> messages() throws IOException {
        List<ReceivedMail> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                String name = f.getFileName().toString();
                long at = Long.parseLong(name.substring(name.indexOf('-') + 1, name.length() - 4));
                mails.add(ReceivedMail.parse(at, Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return mails;
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** SIGKILL: the server vanishes without a goodbye; its port refuses connections from now on. */
    void stop() {
        ProcessStopper.kill(process);
    }

    @Override
    public void close() {
        stop();
    }
}
