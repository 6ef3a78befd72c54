package dev.vigil.linux.systemd;

import com.sun.jna.LastErrorException;
import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.LibC;
import dev.vigil.linux.NativeSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sd_notify(3)} without libsystemd: one AF_UNIX datagram per message to {@code $NOTIFY_SOCKET}. The JDK's
 * Unix-domain channels are stream-only, so the datagram socket comes from {@link LibC} (JNA). When the variable is
 * absent (not started by systemd, or {@code Type=} other than notify) every send is a no-op.
 *
 * <p>systemd identifies the sender by the kernel-attached credentials; with {@code NotifyAccess=main} only the main
 * pid (the JVM, which the launcher {@code exec}s) is heard, whichever thread sends. Thread-safe.
 */
public final class SdNotify implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SdNotify.class);
    private static final String VARIABLE = "NOTIFY_SOCKET";

    private final NotifySocketAddress address;
    private final NativeSocket socket;

    private SdNotify(NotifySocketAddress address, NativeSocket socket) {
        this.address = address;
        this.socket = socket;
    }

    /** A notifier that sends nothing. */
    public static SdNotify disabled() {
        return new SdNotify(null, null);
    }

    /**
     * From {@code $NOTIFY_SOCKET}: disabled when it is unset or empty; an unusable value or socket is logged and
     * disables notification rather than failing the daemon.
     */
    public static SdNotify fromEnvironment() {
        String value = System.getenv(VARIABLE);
        if (value == null || value.isEmpty()) {
            return disabled();
        }
        try {
            return open(value);
        } catch (IllegalArgumentException | ErrnoException e) {
            LOG.warn("Not notifying systemd: {}", e.getMessage());
            return disabled();
        }
    }

    /**
     * Opens a datagram socket for notifying {@code notifySocket} (a {@code $NOTIFY_SOCKET} value).
     *
     * @throws IllegalArgumentException if the value is not a usable address
     */
    public static SdNotify open(String notifySocket) throws ErrnoException {
        NotifySocketAddress address = NotifySocketAddress.parse(notifySocket);
        NativeSocket socket = NativeSocket.open(LibC.AF_UNIX, LibC.SOCK_DGRAM, 0, "notify socket " + notifySocket, 1);
        return new SdNotify(address, socket);
    }

    /** True when messages go somewhere. */
    public boolean enabled() {
        return socket != null;
    }

    /** The socket messages go to, when enabled. */
    public Optional<String> socketName() {
        return Optional.ofNullable(address).map(NotifySocketAddress::socket);
    }

    /**
     * Sends {@code message} (newline-separated {@code KEY=value} assignments) in one datagram.
     *
     * @return false when disabled (nothing sent)
     * @throws ErrnoException if the datagram could not be sent (for example ECONNREFUSED: nobody listens)
     */
    public boolean send(String message) throws ErrnoException {
        if (socket == null) {
            return false;
        }
        socket.sendTo(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), address.sockaddr());
        return true;
    }

    /** {@code READY=1} with this process's {@code MAINPID}: start-up (or a reload) is complete. */
    public boolean ready() throws ErrnoException {
        return send(Messages.ready(ProcessHandle.current().pid()));
    }

    /** {@code RELOADING=1} with {@code MONOTONIC_USEC} (systemd 253 and later want the reload's start time). */
    public boolean reloading() throws ErrnoException {
        return send(Messages.reloading(monotonicMicros()));
    }

    /** {@code STOPPING=1}: an orderly stop has begun. */
    public boolean stopping() throws ErrnoException {
        return send(Messages.STOPPING);
    }

    /** {@code STATUS=text}, shown by {@code systemctl status}. */
    public boolean status(String text) throws ErrnoException {
        return send(Messages.status(text));
    }

    /** {@code ERRNO=n}: why the service failed. */
    public boolean errno(int errno) throws ErrnoException {
        return send(Messages.errno(errno));
    }

    /** {@code CLOCK_MONOTONIC} in microseconds, the clock systemd compares {@code MONOTONIC_USEC} with. */
    public static long monotonicMicros() {
        long[] ts = new long[2];
        try {
            LibC.clock_gettime(LibC.CLOCK_MONOTONIC, ts);
        } catch (LastErrorException e) {
            throw new IllegalStateException("clock_gettime(CLOCK_MONOTONIC) failed: errno " + e.getErrorCode(), e);
        }
        return ts[0] * 1_000_000L + ts[1] / 1_000L;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    public String toString() {
        return socket == null ? "sd_notify (disabled)" : "sd_notify to " + address.socket();
    }

    /** The message texts, as {@code sd_notify(3)} and keepalived's {@code lib/systemd.c} send them. */
    static final class Messages {
        static final String STOPPING = "STOPPING=1";

        private Messages() {
        }

        static String ready(long mainPid) {
            return "READY=1\nMAINPID=" + mainPid;
        }

        static String reloading(long monotonicMicros) {
            return "RELOADING=1\nMONOTONIC_USEC=" + monotonicMicros;
        }

        /** A newline would start another assignment; the status is one line. */
        static String status(String text) {
            return "STATUS=" + text.replace('\n', ' ');
        }

        static String errno(int errno) {
            return "ERRNO=" + Math.abs(errno);
        }
    }
}
