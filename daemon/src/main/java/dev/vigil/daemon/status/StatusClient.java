package dev.vigil.daemon.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Asks the daemon's status socket one question ({@link StatusRequests}) and returns the whole answer. */
public final class StatusClient {
    private StatusClient() {
    }

    /** Nobody listens on the socket: the daemon is not running (or left a stale socket file). */
    public static final class NotRunningException extends IOException {
        NotRunningException(String message) {
            super(message);
        }
    }

    /**
     * Sends {@code request} and reads the answer until the daemon closes the connection, waiting at most
     * {@code timeout} in total.
     *
     * @throws NotRunningException when the socket file is absent or nobody accepts connections on it
     * @throws IOException         on any other failure, including the timeout
     */
    public static String ask(Path socket, String request, Duration timeout) throws IOException {
        if (!Files.exists(socket)) {
            throw new NotRunningException("no status socket at " + socket);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            // non-blocking connect: a daemon that stopped accepting (full backlog) must not hang us either
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector,
                    connect(ch, socket) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT);
            ByteBuffer out = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException((ch.isConnected() ? "no answer from " : "cannot connect to ") + socket
                            + " within " + timeout.toMillis() + " ms");
                }
                selector.select(Math.max(1, left / 1_000_000));
                if (key.isConnectable()) {
                    finishConnect(ch, socket);
                    key.interestOps(SelectionKey.OP_WRITE);
                } else if (key.isWritable()) {
                    ch.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    int n = ch.read(in.clear());
                    if (n < 0) {
                        return answer.toString(StandardCharsets.UTF_8);
                    }
                    answer.write(in.array(), 0, n);
                }
                selector.selectedKeys().clear();
            }
        }
    }

    /** Starts connecting; true when already connected. */
    private static boolean connect(SocketChannel ch, Path socket) throws IOException {
        try {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException e) {
            throw new NotRunningException("nothing listens on " + socket);
        } catch (SocketException e) {
            throw new IOException("cannot connect to " + socket + ": " + e.getMessage(), e);
        }
    }

    private static void finishConnect(SocketChannel ch, Path socket) throws IOException {
        try {
            ch.finishConnect();
        } catch (ConnectException e) {
            throw new NotRunningException("nothing listens on " + socket);
        }
    }
}
