package dev.vigil.linux.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tcpdump capturing in a namespace to a file, then decoding it: an independent check of what went on the wire. */
public final class Tcpdump implements AutoCloseable {
    private final Process process;
    private final Path file;

    private Tcpdump(Process process, Path file) {
        this.process = process;
        this.file = file;
    }

    /** Starts capturing {@code count} packets matching {@code filter} on {@code iface}; returns once listening. */
    public static Tcpdump start(Netns ns, String iface, int count, String... filter) throws IOException {
        Path file = Files.createTempFile("vgll-capture", ".pcap");
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-i", iface, "-n", "-U", "-c", String.valueOf(count),
                "-w", file.toString()));
        cmd.addAll(List.of(filter));
        Process p = ns.start(cmd.toArray(String[]::new));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("listening on")) {
                return new Tcpdump(p, file);
            }
        }
        p.destroyForcibly();
        Files.deleteIfExists(file);
        throw new IOException("tcpdump did not start on " + iface + " in " + ns.name());
    }

    /** Waits for the capture to finish, then decodes it with {@code tcpdump -r FILE args...}. */
    public String decode(String... args) throws IOException, InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IOException("tcpdump captured too few packets within 10 s");
        }
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-r", file.toString()));
        cmd.addAll(List.of(args));
        return Netns.run(cmd.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(file);
    }
}
