package dev.vigil.notify.fifo;

import dev.vigil.notify.events.EventLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notify FIFO, written as keepalived does (lib/notify.c {@code fifo_open()}): created with mode 0600 when
 * missing and removed again on close, opened read-write so opening never waits for a reader.
 *
 * <p>Lines go through a bounded buffer to a writer thread, so a reader that is missing, stuck or slow never blocks
 * the caller: once the pipe and the buffer are full, further lines are dropped and each drop is logged.
 */
public final class NotifyFifo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyFifo.class);
    /** Lines buffered beyond the kernel's pipe buffer. */
    public static final int DEFAULT_BUFFER = 1024;

    private final Path path;
    private final boolean created;
    private final FileChannel channel;
    private final BlockingQueue<byte[]> buffer;
    private final Thread writer;
    private volatile boolean closed;
    private static final long DROP_LOG_INTERVAL_NANOS = 1_000_000_000L;
    private long lastDropLog;
    private long unreportedDrops;

    private NotifyFifo(Path path, boolean created, FileChannel channel, int bufferLines) {
        this.path = path;
        this.created = created;
        this.channel = channel;
        this.buffer = new ArrayBlockingQueue<>(bufferLines);
        this.writer = new Thread(this::writeLoop, "vigil-fifo-" + path.getFileName());
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Opens (creating if missing) the FIFO.
     *
     * @param type keepalived's prefix for log lines: {@code ""}, {@code "vrrp "} or {@code "lvs "}
     * @throws IOException with keepalived's message ({@code Unable to create|open <type>notify fifo <path>})
     */
    public static NotifyFifo open(Path path, String type, int bufferLines) throws IOException {
        return open(path, type, bufferLines, null, null);
    }

    /**
     * Opens (creating if missing) the FIFO; a FIFO it creates is given to {@code user}/{@code group} when named
     * ({@code notify_fifo FIFO [user [group]]}).
     */
    public static NotifyFifo open(Path path, String type, int bufferLines, String user, String group)
            throws IOException {
        boolean created = false;
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            mkfifo(path, type);
            created = true;
            chown(path, user, group);
        } else if (!isFifo(path)) {
            throw new IOException("Unable to open " + type + "notify fifo " + path + " - not a FIFO");
        }
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            return new NotifyFifo(path, created, channel, bufferLines);
        } catch (IOException e) {
            if (created) {
                Files.deleteIfExists(path);
            }
            throw new IOException("Unable to open " + type + "notify fifo " + path + " - " + e.getMessage(), e);
        }
    }

    public static NotifyFifo open(Path path, String type) throws IOException {
        return open(path, type, DEFAULT_BUFFER);
    }

    public Path path() {
        return path;
    }

    /**
     * Queues a line; never blocks.
     *
     * @param trailingNul also write the terminating NUL (keepalived 2.2.8+ does for LVS lines)
     * @return false when the line was dropped (and logged)
     */
    public boolean write(String line, boolean trailingNul) {
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = trailingNul ? java.util.Arrays.copyOf(text, text.length + 1) : text;
        if (closed) {
            return dropped(line, "closed");
        }
        return buffer.offer(bytes) || dropped(line, "buffer_full");
    }

    /** Stops the writer (after flushing what is buffered, for up to a second) and removes a FIFO it created. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        try {
            // Unlink first, so a reader that reopens in a loop cannot reopen it (as keepalived).
            if (created) {
                Files.deleteIfExists(path);
            }
            channel.close();
        } catch (IOException e) {
            LOG.info("Closing notify fifo {}: {}", path, e.getMessage());
        }
    }

    private void writeLoop() {
        try {
            while (!closed || !buffer.isEmpty()) {
                byte[] next = buffer.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    ByteBuffer bytes = ByteBuffer.wrap(next);
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("Write to notify fifo {} failed: {}", path, e.toString());
                EventLog.emitWarning("notify.fifo_dropped", Map.of("fifo", path.toString(), "line", "",
                        "reason", "write_error"), null);
            }
        }
    }

    /** Logs a dropped line; during a flood at most one line per second, counting the ones not shown. */
    private synchronized boolean dropped(String line, String reason) {
        long now = System.nanoTime();
        if (lastDropLog != 0 && now - lastDropLog < DROP_LOG_INTERVAL_NANOS) {
            unreportedDrops++;
            return false;
        }
        String shown = line.replace("\0", "").stripTrailing();
        String more = unreportedDrops == 0 ? "" : " (and " + unreportedDrops + " more since the last report)";
        LOG.warn("Notify fifo {} {}: dropped '{}'{}", path, reason.equals("closed") ? "is closed"
                : "is not being read", shown, more);
        EventLog.emitWarning("notify.fifo_dropped", Map.of("fifo", path.toString(), "line", shown,
                "reason", reason, "unreported", unreportedDrops), null);
        lastDropLog = now;
        unreportedDrops = 0;
        return false;
    }

    private static void chown(Path path, String user, String group) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            if (user != null) {
                view.setOwner(lookup.lookupPrincipalByName(user));
            }
            if (group != null) {
                view.setGroup(lookup.lookupPrincipalByGroupName(group));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("Failed to set uid:gid for fifo {}", path);
        }
    }

    private static boolean isFifo(Path path) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attrs.isOther() && !attrs.isSymbolicLink();
    }

    /** Java has no mkfifo(2) and native code belongs to the linux module only: coreutils' mkfifo does it. */
    private static void mkfifo(Path path, String type) throws IOException {
        Process p = new ProcessBuilder("mkfifo", "-m", "0600", path.toString()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("Unable to create " + type + "notify fifo " + path + (out.isEmpty() ? "" : " - "
                        + out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Unable to create " + type + "notify fifo " + path + " - interrupted", e);
        }
    }
}
