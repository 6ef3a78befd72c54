package dev.vigil.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A socket file descriptor with the operations every Vigil socket shares: options, bind, send, and a receive
 * that waits with a nanosecond timeout. Netlink, raw-IP and packet sockets wrap one of these.
 *
 * <p>Receives are serialised per socket (one reusable native buffer); sends may come from any thread.
 * {@link #close()} must not race a receive in progress on another thread: wake that thread through a
 * {@link dev.vigil.linux.socket.Poller} first.
 */
public final class NativeSocket implements AutoCloseable {
    private final int fd;
    private final String what;
    private final Memory receiveBuffer;
    private volatile boolean closed;

    private NativeSocket(int fd, String what, int receiveBufferBytes) {
        this.fd = fd;
        this.what = what;
        this.receiveBuffer = new Memory(receiveBufferBytes);
    }

    /**
     * Opens {@code socket(domain, type | SOCK_CLOEXEC, protocol)}.
     *
     * @param what human description used in error messages, e.g. {@code "netlink route socket"}
     * @param receiveBufferBytes largest datagram {@link #receive} can return whole
     */
    public static NativeSocket open(int domain, int type, int protocol, String what, int receiveBufferBytes)
            throws ErrnoException {
        try {
            int fd = LibC.socket(domain, type | LibC.SOCK_CLOEXEC, protocol);
            return new NativeSocket(fd, what, receiveBufferBytes);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode(), "cannot open " + what);
        }
    }

    public int fd() {
        return fd;
    }

    public void setOption(int level, int name, int value, String optionName) throws ErrnoException {
        setOption(level, name, Structs.intBytes(value), optionName);
    }

    public void setOption(int level, int name, byte[] value, String optionName) throws ErrnoException {
        ensureOpen();
        try {
            LibC.setsockopt(fd, level, name, value, value.length);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode(), "setsockopt(" + optionName + ") on " + what);
        }
    }

    public void bind(byte[] sockaddr) throws ErrnoException {
        ensureOpen();
        try {
            LibC.bind(fd, sockaddr, sockaddr.length);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode(), "bind " + what);
        }
    }

    /** getsockname(2) into a buffer of {@code length} bytes. */
    public byte[] localAddress(int length) throws ErrnoException {
        ensureOpen();
        byte[] addr = new byte[length];
        try {
            LibC.getsockname(fd, addr, new int[] {length});
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode(), "getsockname " + what);
        }
        return addr;
    }

    /** Sends the buffer's remaining bytes in one datagram (position is not moved); returns bytes sent. */
    public int sendTo(ByteBuffer data, byte[] sockaddr) throws ErrnoException {
        ensureOpen();
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        while (true) {
            try {
                return (int) LibC.sendto(fd, bytes, bytes.length, 0, sockaddr, sockaddr == null ? 0 : sockaddr.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw new ErrnoException(e.getErrorCode(), "send on " + what);
                }
            }
        }
    }

    /**
     * Receives one datagram.
     *
     * @param timeoutNanos 0 = don't wait, negative = wait forever, else the longest wait
     * @param sourceAddress if not null, filled with the sender's sockaddr (truncated to its length)
     * @return the datagram as a native-order buffer, or null if none arrived in time
     * @throws ErrnoException on a socket error, or EMSGSIZE if the datagram did not fit the receive buffer
     */
    public ByteBuffer receive(long timeoutNanos, byte[] sourceAddress) throws ErrnoException {
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        synchronized (receiveBuffer) {
            while (true) {
                ensureOpen();
                ByteBuffer got = receiveNow(sourceAddress);
                if (got != null || timeoutNanos == 0) {
                    return got;
                }
                long waitNanos = -1;
                if (timeoutNanos > 0) {
                    waitNanos = deadline - System.nanoTime();
                    if (waitNanos <= 0) {
                        return null;
                    }
                }
                waitReadable(waitNanos);
            }
        }
    }

    private ByteBuffer receiveNow(byte[] sourceAddress) throws ErrnoException {
        int[] addrLen = {sourceAddress == null ? 0 : sourceAddress.length};
        long n;
        try {
            n = LibC.recvfrom(fd, receiveBuffer, receiveBuffer.size(), LibC.MSG_DONTWAIT | LibC.MSG_TRUNC,
                    sourceAddress, addrLen);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
                return null;
            }
            throw new ErrnoException(e.getErrorCode(), "receive on " + what);
        }
        if (n > receiveBuffer.size()) {
            throw new ErrnoException(Errno.EMSGSIZE,
                    "datagram of " + n + " bytes truncated to " + receiveBuffer.size() + " on " + what);
        }
        byte[] bytes = receiveBuffer.getByteArray(0, (int) n);
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    private void waitReadable(long timeoutNanos) throws ErrnoException {
        byte[] pollfd = Structs.pollfd(fd);
        try {
            LibC.ppoll(pollfd, 1, timeoutNanos < 0 ? null : Structs.timespec(timeoutNanos), null);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EINTR) {
                throw new ErrnoException(e.getErrorCode(), "poll on " + what);
            }
        }
    }

    private void ensureOpen() throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.EBADF, what + " is closed");
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.close(fd);
        } catch (LastErrorException ignored) {
            // close(2) errors leave nothing to recover; the descriptor is released either way on Linux
        }
    }

    @Override
    public String toString() {
        return what + " (fd " + fd + ")";
    }
}
