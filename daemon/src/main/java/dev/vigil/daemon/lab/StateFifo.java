package dev.vigil.daemon.lab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a director's {@code notify_fifo}: keepalived's lines {@code INSTANCE "VI_1" MASTER 150}, pushed by the daemon
 * on every transition, so the lab learns states as they change without polling the daemon (polling would also make it
 * load code a director never needs, inflating the memory the lab measures). The lab creates the FIFO before the daemon
 * starts and opens it read-write, so opening never waits and a daemon that dies never causes an end of file.
 */
final class StateFifo implements AutoCloseable {
    private static final Pattern INSTANCE_LINE = Pattern.compile("^INSTANCE \"([^\"]+)\" (\\S+) (\\d+)$");

    /** A transition the daemon reported, stamped on this process's {@link System#nanoTime} clock. */
    record Transition(long atNanos, String instance, String state, int priority) {
    }

    private final FileChannel channel;
    private final Thread thread;

    private StateFifo(FileChannel channel, Consumer<Transition> listener, String name) {
        this.channel = channel;
        this.thread = new Thread(() -> readLoop(listener), "lab-fifo-" + name);
        thread.setDaemon(true);
    }

    /** Creates the FIFO at {@code path} and follows it; {@code listener} hears of each transition. */
    static StateFifo create(Path path, String name, Consumer<Transition> listener) throws IOException {
        Shell.run("mkfifo", "-m", "0600", path.toString());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        StateFifo fifo = new StateFifo(channel, listener, name);
        fifo.thread.start();
        return fifo;
    }

    /** Parses one FIFO line; null for lines that are not an instance transition. */
    static Transition parse(long atNanos, String line) {
        Matcher m = INSTANCE_LINE.matcher(line.strip());
        return m.matches() ? new Transition(atNanos, m.group(1), m.group(2), Integer.parseInt(m.group(3))) : null;
    }

    private void readLoop(Consumer<Transition> listener) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        StringBuilder line = new StringBuilder();
        try {
            while (channel.read(buf) >= 0) {
                long at = System.nanoTime();
                buf.flip();
                for (char c : StandardCharsets.UTF_8.decode(buf).array()) {
                    if (c == '\n') {
                        Transition t = parse(at, line.toString());
                        if (t != null) {
                            listener.accept(t);
                        }
                        line.setLength(0);
                    } else if (c != 0) {
                        line.append(c);
                    }
                }
                buf.clear();
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Stops following (closing the channel wakes the reader blocked on it). */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
        thread.interrupt();
    }
}
