package dev.vigil.daemon.bench;

import dev.vigil.linux.process.ProcessStopper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tcpdump ({@code -i any -tt -nn -l}, VRRP only) inside a namespace, decoded as it runs: each advert's capture time
 * (CLOCK_REALTIME µs, the clock {@link BenchTime#nowMicros()} reads), interface, source, VRID and priority. The
 * benchmarks' independent clock: every start-up, settle and jitter figure comes from these timestamps. No
 * {@code --immediate-mode}: at 1,000 adverts/s it made the kernel drop packets; without it tcpdump reads in blocks
 * (output lags by up to a second, timestamps are still the kernel's).
 */
final class AdvertCapture implements AutoCloseable {
    /** "1763700000.123456 eth0  In  IP 10.99.0.1 > 224.0.0.18: VRRPv2, Advertisement, vrid 7, prio 100, ..." */
    private static final Pattern LINE = Pattern.compile(
            "^(\\d+\\.\\d+)\\s+(\\S+)\\s+(?:In|Out|M|P|B)?\\s*IP (\\S+) > 224\\.0\\.0\\.18: VRRPv2, Advertisement, vrid (\\d+), prio (\\d+)");

    /** One decoded advert. */
    record Advert(long micros, String iface, String source, int vrid, int priority) {
        /** The instance it belongs to, as seen on the wire. */
        String key() {
            return iface + "/" + vrid;
        }
    }

    private static final Pattern DROPPED = Pattern.compile("(\\d+) packets dropped by kernel");

    private final Process tcpdump;
    private final Path text;
    private final Path err;
    private final List<Advert> adverts = new ArrayList<>();
    private long offset;
    private String partial = "";

    private AdvertCapture(Process tcpdump, Path text, Path err) {
        this.tcpdump = tcpdump;
        this.text = text;
        this.err = err;
    }

    /** Starts capturing in {@code namespace} and returns once tcpdump listens. */
    static AdvertCapture start(String namespace, Path dir) throws IOException, InterruptedException {
        Path text = Files.createTempFile(dir, "adverts-", ".txt");
        Path err = Files.createTempFile(dir, "tcpdump-", ".log");
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "tcpdump", "-i", "any", "-nn", "-tt", "-l",
                "-B", "16384", "ip proto 112").redirectOutput(text.toFile()).redirectError(err.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(err).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("tcpdump did not start: " + Files.readString(err));
            }
            Thread.sleep(20);
        }
        return new AdvertCapture(p, text, err);
    }

    /** Every advert decoded so far (reads what tcpdump has written since the last call). */
    synchronized List<Advert> adverts() throws IOException {
        byte[] buf = GrowingFile.readFrom(text, offset);
        if (buf.length > 0) {
            offset += buf.length;
            String chunk = partial + new String(buf, StandardCharsets.US_ASCII);
            int end = chunk.lastIndexOf('\n');
            partial = chunk.substring(end + 1);
            for (String line : chunk.substring(0, end + 1).split("\n")) {
                Advert a = parse(line);
                if (a != null) {
                    adverts.add(a);
                }
            }
        }
        return List.copyOf(adverts);
    }

    static Advert parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return null;
        }
        return new Advert(BenchTime.parseMicros(m.group(1)), m.group(2), m.group(3), Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)));
    }

    /** The first advert of each instance (interface/VRID) captured at or after {@code fromMicros}. */
    Map<String, Long> firstAdverts(long fromMicros) throws IOException {
        Map<String, Long> first = new HashMap<>();
        for (Advert a : adverts()) {
            if (a.micros() >= fromMicros && a.priority() > 0) {
                first.putIfAbsent(a.key(), a.micros());
            }
        }
        return first;
    }

    /** Polls until {@code count} instances have advertised since {@code fromMicros}; their first adverts. */
    Map<String, Long> awaitInstances(int count, long fromMicros, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Long> first = firstAdverts(fromMicros);
            if (first.size() >= count) {
                return first;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(first.size() + " of " + count + " instances advertised within " + timeout
                        + (tcpdump.isAlive() ? "" : " (tcpdump exited)"));
            }
            Thread.sleep(50);
        }
    }

    /** Packets the kernel dropped before tcpdump read them (known once closed; -1 if tcpdump did not say). */
    long dropped() throws IOException {
        Matcher m = DROPPED.matcher(Files.readString(err));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public void close() {
        ProcessStopper.stop(tcpdump, Duration.ofSeconds(5)); // SIGTERM first: tcpdump flushes its file
    }
}
