package dev.vigil.linux.socket;

import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.LibC;
import dev.vigil.linux.NativeSocket;
import dev.vigil.linux.systemd.NotifySocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An AF_UNIX datagram socket (the JDK's Unix-domain channels are stream-only), as the local syslog socket
 * {@code /dev/log} needs. Two roles:
 *
 * <ul>
 *   <li>{@link #sender(Path)}: unbound and non-blocking; each {@link #send} names the destination path, so the kernel
 *       looks the path up again every time and a receiver that was restarted (a new socket at the same path) is
 *       reached without reconnecting. A send never waits: when the receiver's queue is full it fails with
 *       {@code EAGAIN}.</li>
 *   <li>{@link #bind(Path)}: a receiver bound at a path (tests, local tools).</li>
 * </ul>
 */
public final class UnixDatagramSocket implements AutoCloseable {
    /** Largest datagram {@link #receive} returns whole. */
    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final NativeSocket socket;
    private final Path path;
    private final byte[] sockaddr;

    private UnixDatagramSocket(NativeSocket socket, Path path) {
        this.socket = socket;
        this.path = path;
        this.sockaddr = NotifySocketAddress.parse(path.toString()).sockaddr(); // struct sockaddr_un for the path
    }

    /**
     * A non-blocking socket that sends to {@code destination}.
     *
     * @throws IllegalArgumentException when the path is not absolute or longer than {@code sun_path}
     */
    public static UnixDatagramSocket sender(Path destination) throws ErrnoException {
        requireAbsolute(destination);
        return new UnixDatagramSocket(open("unix datagram socket to " + destination, LibC.SOCK_NONBLOCK),
                destination);
    }

    /**
     * A socket bound at {@code path} (which must not exist yet) to receive datagrams.
     *
     * @throws IllegalArgumentException when the path is not absolute or longer than {@code sun_path}
     */
    public static UnixDatagramSocket bind(Path path) throws ErrnoException {
        requireAbsolute(path);
        UnixDatagramSocket s = new UnixDatagramSocket(open("unix datagram socket at " + path, 0), path);
        try {
            s.socket.bind(s.sockaddr);
            return s;
        } catch (ErrnoException e) {
            s.close();
            throw e;
        }
    }

    private static NativeSocket open(String what, int flags) throws ErrnoException {
        return NativeSocket.open(LibC.AF_UNIX, LibC.SOCK_DGRAM | flags, 0, what, RECEIVE_BUFFER);
    }

    private static void requireAbsolute(Path path) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("unix socket path must be absolute: " + path);
        }
    }

    /** The destination of a sender, or the bound path of a receiver. */
    public Path path() {
        return path;
    }

    /**
     * Sends one datagram to the destination without waiting.
     *
     * @throws ErrnoException {@code EAGAIN} when the receiver's queue is full, {@code ENOENT} when nothing is at the
     *                        path, {@code ECONNREFUSED} when the socket there is closed, {@code EMSGSIZE} when the
     *                        datagram is larger than the socket buffer
     */
    public void send(byte[] datagram) throws ErrnoException {
        socket.sendTo(ByteBuffer.wrap(datagram), sockaddr);
    }

    /** SO_RCVBUF of a receiver (the kernel doubles it and applies its minimum). */
    public void setReceiveBufferSize(int bytes) throws ErrnoException {
        socket.setOption(LibC.SOL_SOCKET, LibC.SO_RCVBUF, bytes, "SO_RCVBUF");
    }

    /**
     * Receives one datagram, waiting at most {@code timeout}.
     *
     * @return its bytes, or null when none arrived in time
     */
    public byte[] receive(Duration timeout) throws ErrnoException {
        ByteBuffer got = socket.receive(timeout.toNanos(), null);
        if (got == null) {
            return null;
        }
        byte[] bytes = new byte[got.remaining()];
        got.get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
