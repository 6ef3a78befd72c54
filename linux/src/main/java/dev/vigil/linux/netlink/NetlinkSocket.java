package dev.vigil.linux.netlink;

import dev.vigil.linux.Errno;
import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.LibC;
import dev.vigil.linux.NativeSocket;
import dev.vigil.linux.Structs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@code AF_NETLINK} raw socket bound to a kernel-assigned port id.
 *
 * <p>Use one socket either for requests ({@link #request}) or for a multicast subscription
 * ({@link #receive}): a request skips every datagram that does not answer it, which would drop events on a
 * subscribed socket. Requests are serialised per socket.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** Large enough for any dump part the kernel sends (it sizes them to at most 32 KiB). */
    private static final int RECEIVE_BUFFER = 64 * 1024;
    /** The kernel answers synchronously; a missing answer within this time means something is badly wrong. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final int SUBSCRIPTION_QUEUE = 1 << 20;
    /** Dumps interrupted by concurrent changes are retried this many times in all. */
    private static final int DUMP_ATTEMPTS = 3;
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() & 0x3fffffff));

    private final NativeSocket socket;
    private final int protocol;
    private final int portId;

    private NetlinkSocket(NativeSocket socket, int protocol, int portId) {
        this.socket = socket;
        this.protocol = protocol;
        this.portId = portId;
    }

    /**
     * Opens and binds a netlink socket.
     *
     * @param protocol {@link Netlink#NETLINK_ROUTE} or {@link Netlink#NETLINK_GENERIC}
     * @param groups multicast group bitmask to join at bind (e.g. RTMGRP_LINK), 0 for none
     */
    public static NetlinkSocket open(int protocol, int groups) throws NetlinkException {
        NativeSocket s;
        try {
            s = NativeSocket.open(LibC.AF_NETLINK, LibC.SOCK_RAW, protocol,
                    "netlink socket (protocol " + protocol + ")", RECEIVE_BUFFER);
        } catch (ErrnoException e) {
            throw new NetlinkException(e);
        }
        try {
            // Errors come back with the kernel's explanation and without echoing the whole request
            // (Linux >= 4.12; older kernels simply answer without them).
            setOptional(s, Netlink.NETLINK_EXT_ACK, "NETLINK_EXT_ACK");
            setOptional(s, Netlink.NETLINK_CAP_ACK, "NETLINK_CAP_ACK");
            if (groups != 0) {
                enlargeReceiveQueue(s);
            }
            s.bind(Structs.sockaddrNl(0, groups));
            int pid = ByteBuffer.wrap(s.localAddress(12)).order(ByteOrder.nativeOrder()).getInt(4);
            return new NetlinkSocket(s, protocol, pid);
        } catch (ErrnoException e) {
            s.close();
            throw new NetlinkException(e);
        }
    }

    private static void setOptional(NativeSocket s, int option, String name) throws ErrnoException {
        try {
            s.setOption(LibC.SOL_NETLINK, option, 1, name);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOPROTOOPT) {
                throw e;
            }
        }
    }

    /** Event bursts must not overflow the queue: 1 MiB, beyond net.core.rmem_max when privileged. */
    private static void enlargeReceiveQueue(NativeSocket s) throws ErrnoException {
        try {
            s.setOption(LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, SUBSCRIPTION_QUEUE, "SO_RCVBUFFORCE");
        } catch (ErrnoException e) {
            s.setOption(LibC.SOL_SOCKET, LibC.SO_RCVBUF, SUBSCRIPTION_QUEUE, "SO_RCVBUF");
        }
    }

    public int fd() {
        return socket.fd();
    }

    /** The port id the kernel assigned at bind. */
    public int portId() {
        return portId;
    }

    public int protocol() {
        return protocol;
    }

    /** Joins a multicast group by number (RTNLGRP_*, or a genetlink family's group id). */
    public void addMembership(int group) throws NetlinkException {
        try {
            socket.setOption(LibC.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP");
        } catch (ErrnoException e) {
            throw new NetlinkException(e);
        }
    }

    /**
     * Sends a request and collects the answer: every reply message up to NLMSG_DONE for dumps, up to the ACK
     * when NLM_F_ACK was set, else the single reply. The request's seq and pid are overwritten.
     *
     * @param message a message from {@link NetlinkMessageBuilder#build()}
     * @return each reply message (header included, native order), without the DONE and ACK messages
     * @throws NetlinkException with the errno when the kernel answers NLMSG_ERROR with a negative error, when
     *     the socket fails, or ETIMEDOUT when no answer comes
     * @throws IllegalArgumentException when the kernel's answer cannot be parsed
     */
    public synchronized List<ByteBuffer> request(ByteBuffer message) throws NetlinkException {
        try {
            return exchange(message);
        } catch (NetlinkException e) {
            throw e;
        } catch (ErrnoException e) {
            throw new NetlinkException(e);
        }
    }

    private List<ByteBuffer> exchange(ByteBuffer message) throws ErrnoException {
        for (int attempt = 1; ; attempt++) {
            Answer answer = exchangeOnce(message);
            if (!answer.interrupted || attempt == DUMP_ATTEMPTS) {
                return answer.replies;
            }
            // The table changed during the dump (NLM_F_DUMP_INTR): the parts may be inconsistent, so dump again.
        }
    }

    private record Answer(List<ByteBuffer> replies, boolean interrupted) {
    }

    private Answer exchangeOnce(ByteBuffer message) throws ErrnoException {
        ByteBuffer req = ByteBuffer.allocate(message.remaining()).order(ByteOrder.nativeOrder());
        req.put(message.duplicate()).flip();
        int seq = SEQ.incrementAndGet();
        req.putInt(8, seq).putInt(12, portId);
        int type = Short.toUnsignedInt(req.getShort(4));
        int flags = Short.toUnsignedInt(req.getShort(6));
        boolean wantAck = (flags & Netlink.NLM_F_ACK) != 0;

        socket.sendTo(req, Structs.sockaddrNl(0, 0));
        List<ByteBuffer> replies = new ArrayList<>();
        boolean interrupted = false;
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (true) {
            long wait = deadline - System.nanoTime();
            ByteBuffer datagram = wait > 0 ? socket.receive(wait, null) : null;
            if (datagram == null) {
                throw new NetlinkException(Errno.ETIMEDOUT,
                        "no netlink reply to message type " + type + " within " + REPLY_TIMEOUT.toSeconds() + " s");
            }
            for (NetlinkMessage m : NetlinkMessage.parseAll(datagram)) {
                if (m.seq() != seq || m.pid() != portId) {
                    continue; // a late answer to an abandoned request, or a multicast event
                }
                interrupted |= (m.flags() & Netlink.NLM_F_DUMP_INTR) != 0;
                if (m.isError()) {
                    int error = m.errorCode();
                    if (error < 0) {
                        throw new NetlinkException(-error, "netlink request type " + type + " failed",
                                m.extAckMessage());
                    }
                    return new Answer(replies, interrupted); // ACK
                }
                if (m.isDone()) {
                    int status = m.errorCode();
                    if (status < 0) {
                        throw new NetlinkException(-status, "netlink dump type " + type + " failed");
                    }
                    return new Answer(replies, interrupted);
                }
                if (m.type() == Netlink.NLMSG_NOOP) {
                    continue;
                }
                if (m.type() == Netlink.NLMSG_OVERRUN) {
                    throw new NetlinkException(Errno.ENOBUFS, "netlink overrun answering type " + type);
                }
                replies.add(m.raw());
                if ((m.flags() & Netlink.NLM_F_MULTI) == 0 && !wantAck) {
                    return new Answer(replies, interrupted);
                }
            }
        }
    }

    /**
     * Reserves {@code count} consecutive sequence numbers (shared with {@link #request}) for messages the caller
     * sends itself with {@link #send}; returns the first.
     */
    public int reserveSequence(int count) {
        return SEQ.getAndAdd(count) + 1;
    }

    /**
     * Sends one datagram as it is: one or more complete messages whose seq and pid the caller has set (see
     * {@link #reserveSequence}). Answers come back through {@link #receive}. Hold this socket's monitor
     * ({@code synchronized (socket)}) from the send until the last answer is read, so that no {@link #request}
     * running on another thread skips them.
     */
    public void send(ByteBuffer datagram) throws NetlinkException {
        try {
            socket.sendTo(datagram, Structs.sockaddrNl(0, 0));
        } catch (ErrnoException e) {
            throw new NetlinkException(e);
        }
    }

    /**
     * Raises the socket's send and receive buffers to {@code bytes} (beyond net.core.wmem_max/rmem_max when
     * privileged), for callers that send many requests per datagram and read back many answers. Best effort: a
     * limit the kernel refuses leaves the default.
     */
    public void enlargeBuffers(int bytes) {
        setBuffer(LibC.SO_SNDBUFFORCE, LibC.SO_SNDBUF, bytes, "SO_SNDBUF");
        setBuffer(LibC.SO_RCVBUFFORCE, LibC.SO_RCVBUF, bytes, "SO_RCVBUF");
    }

    private void setBuffer(int forced, int plain, int bytes, String name) {
        try {
            socket.setOption(LibC.SOL_SOCKET, forced, bytes, name + "FORCE");
        } catch (ErrnoException e) {
            try {
                socket.setOption(LibC.SOL_SOCKET, plain, bytes, name);
            } catch (ErrnoException ignored) {
                // the default size stays; callers size their batches for it to work either way
            }
        }
    }

    /**
     * The next datagram (possibly several messages; split it with {@link NetlinkMessage#parseAll}).
     *
     * @param timeout longest wait; {@link Duration#ZERO} polls without waiting, null waits forever
     * @return the datagram, or null on timeout
     * @throws NetlinkException ENOBUFS when the kernel dropped events because the socket queue overflowed
     *     (the caller should re-dump its state)
     */
    public ByteBuffer receive(Duration timeout) throws NetlinkException {
        long nanos = timeout == null ? -1 : timeout.toNanos();
        try {
            return socket.receive(nanos, null);
        } catch (ErrnoException e) {
            throw new NetlinkException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "NetlinkSocket[protocol=" + protocol + ", port=" + Integer.toUnsignedString(portId) + ", fd=" + fd() + "]";
    }
}
