package dev.vigil.daemon.status;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status socket: a Unix domain stream socket (mode 0660) answering one request line per connection (see
 * {@link StatusRequests}). One small thread runs a non-blocking selector over the listener and every client, so a
 * slow or silent client never holds up another: each client has {@code clientTimeout} to send its line and read the
 * answer, then it is dropped. The socket file is replaced when stale and removed by {@link #close()}.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    static final int MAX_REQUEST = 256;
    static final int MAX_CLIENTS = 32;

    private final Path path;
    private final Function<String, String> responder;
    private final long timeoutNanos;
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Thread thread;
    private volatile boolean running = true;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StatusServer(Path path, Function<String, String> responder, Duration clientTimeout) throws IOException {
        this.path = path;
        this.responder = responder;
        this.timeoutNanos = clientTimeout.toNanos();
        this.listener = bind(path);
        this.selector = Selector.open();
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = new Thread(this::loop, "vigil-status");
        thread.setDaemon(true);
    }

    /** Binds {@code path} and starts answering. Fails when another live server owns the socket. */
    public static StatusServer start(Path path, Function<String, String> responder, Duration clientTimeout)
            throws IOException {
        StatusServer s = new StatusServer(path, responder, clientTimeout);
        s.thread.start();
        LOG.info("Status socket {}", path);
        return s;
    }

    public Path path() {
        return path;
    }

    private static ServerSocketChannel bind(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (Files.exists(path)) {
            if (answers(path)) {
                throw new IOException("status socket " + path + " is in use by a running daemon");
            }
            Files.delete(path); // stale: left by a daemon that did not stop in order
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path), MAX_CLIENTS);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    /** Whether something accepts connections on {@code path}. */
    private static boolean answers(Path path) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return c.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /** One connection's state: the request being read, then the answer being written. */
    private static final class Client {
        final ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST);
        final long deadline;
        boolean overlong;
        ByteBuffer out;

        Client(long deadline) {
            this.deadline = deadline;
        }
    }

    private void loop() {
        try {
            while (running) {
                selector.select(Math.max(1, timeoutNanos / 2_000_000));
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            accept();
                        } else if (key.isReadable()) {
                            read(key);
                        } else if (key.isWritable()) {
                            write(key);
                        }
                    } catch (IOException e) {
                        LOG.debug("Status client dropped: {}", e.toString());
                        drop(key);
                    }
                }
                expire();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.error("Status socket {} failed: {}", path, e.toString());
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel c = listener.accept();
        if (c == null) {
            return;
        }
        if (selector.keys().size() > MAX_CLIENTS) {
            LOG.warn("Status socket {}: too many clients, connection refused", path);
            c.close();
            return;
        }
        c.configureBlocking(false);
        c.register(selector, SelectionKey.OP_READ, new Client(System.nanoTime() + timeoutNanos));
    }

    private void read(SelectionKey key) throws IOException {
        Client client = (Client) key.attachment();
        int n = ((SocketChannel) key.channel()).read(client.in);
        int newline = indexOf(client.in, (byte) '\n');
        int end = newline >= 0 ? newline : n < 0 ? client.in.position() : -1;
        if (end < 0 && !client.in.hasRemaining()) {
            client.overlong = true; // discard up to the end of the line, then answer (closing unread data resets)
            client.in.clear();
            return;
        }
        if (end < 0) {
            return; // wait for the rest of the line
        }
        if (n < 0 && end == 0 && !client.overlong) {
            drop(key); // connected and left without asking
            return;
        }
        String answer = client.overlong
                ? StatusRequests.ERROR + "request longer than " + MAX_REQUEST + " bytes\n"
                : respond(new String(client.in.array(), 0, end, StandardCharsets.UTF_8));
        client.out = ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8));
        key.interestOps(SelectionKey.OP_WRITE);
        write(key);
    }

    private String respond(String request) {
        try {
            return responder.apply(request);
        } catch (RuntimeException e) {
            LOG.error("Status request '{}' failed", request, e);
            return StatusRequests.ERROR + e + "\n";
        }
    }

    private void write(SelectionKey key) throws IOException {
        Client client = (Client) key.attachment();
        ((SocketChannel) key.channel()).write(client.out);
        if (!client.out.hasRemaining()) {
            drop(key);
        }
    }

    private void expire() {
        long now = System.nanoTime();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Client c && now - c.deadline > 0) {
                LOG.warn("Status client timed out after {} ms; dropped", timeoutNanos / 1_000_000);
                drop(key);
            }
        }
    }

    private static void drop(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // nothing left to do with a connection that failed to close
        }
    }

    private static int indexOf(ByteBuffer buf, byte b) {
        for (int i = 0; i < buf.position(); i++) {
            if (buf.get(i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** Stops the thread, closes every connection and removes the socket file. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
            listener.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Cannot remove status socket {}: {}", path, e.toString());
        }
    }
}
