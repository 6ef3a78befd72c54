package dev.vigil.ipvs.netlink;

import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Many change requests sent with few system calls: packs them into datagrams of several netlink messages each and
 * attributes the kernel's answers to the right request by sequence number. No I/O.
 *
 * <p>The kernel handles every message of a datagram in order within the one {@code sendmsg}, and answers a message
 * without {@code NLM_F_ACK} only when it fails. So each request goes out without ACK except the last of its datagram:
 * a clean datagram costs one answer, a refused request still gets its own error, and the last request's answer (ACK
 * or error) says the whole datagram has been handled. Datagrams stay small enough ({@link #MAX_MESSAGES}) that even
 * all-refused answers fit an enlarged receive queue.
 */
public final class RequestBatch {
    /** Requests per datagram: bounds the answers queued at once when every one of them is refused. */
    public static final int MAX_MESSAGES = 256;
    /** Bytes per datagram, below the kernel's default socket send buffer (about 208 KiB). */
    public static final int MAX_BYTES = 64 * 1024;

    /** One datagram: requests {@code first .. first + count - 1} of the batch. */
    public record Datagram(int first, int count, ByteBuffer bytes) {
        public int last() {
            return first + count - 1;
        }

        /** The datagram's bytes, positioned at 0 (a fresh view each call). */
        @Override
        public ByteBuffer bytes() {
            return bytes.duplicate().order(ByteOrder.nativeOrder());
        }
    }

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final int firstSeq;
    private final int portId;
    private final int size;
    private final List<Datagram> datagrams;
    private final NetlinkException[] errors;

    private RequestBatch(List<ByteBuffer> requests, int firstSeq, int portId) {
        this.firstSeq = firstSeq;
        this.portId = portId;
        this.size = requests.size();
        this.errors = new NetlinkException[size];
        this.datagrams = pack(requests);
    }

    /**
     * @param requests complete messages (from {@link dev.vigil.linux.netlink.NetlinkMessageBuilder#build()}) that the
     *     kernel answers with an ACK or an error only, never with data (no GET or dump requests)
     * @param firstSeq the first of {@code requests.size()} reserved sequence numbers; request i gets firstSeq + i
     * @param portId the socket's port id, written into every header
     */
    public static RequestBatch of(List<ByteBuffer> requests, int firstSeq, int portId) {
        return new RequestBatch(requests, firstSeq, portId);
    }

    public List<Datagram> datagrams() {
        return datagrams;
    }

    public int size() {
        return size;
    }

    /**
     * Takes one message the socket received while waiting for {@code datagram}'s answers: an error for one of its
     * requests is recorded; everything else (answers to other requests, events) is ignored.
     *
     * @return true when this was the answer to the datagram's last request, so the datagram is fully handled
     */
    public boolean answer(NetlinkMessage message, Datagram datagram) {
        if (!message.isError() || message.pid() != portId) {
            return false;
        }
        int index = message.seq() - firstSeq;
        if (index < datagram.first() || index > datagram.last()) {
            return false;
        }
        int error = message.errorCode();
        if (error < 0) {
            errors[index] = new NetlinkException(-error, "netlink request " + index + " of " + size + " (seq "
                    + Integer.toUnsignedString(message.seq()) + ") failed", message.extAckMessage());
        }
        return index == datagram.last();
    }

    /** The kernel's refusal of request {@code index}, or null when it was applied. */
    public NetlinkException error(int index) {
        return errors[index];
    }

    private List<Datagram> pack(List<ByteBuffer> requests) {
        List<Datagram> out = new ArrayList<>();
        int first = 0;
        while (first < requests.size()) {
            int count = 0;
            int bytes = 0;
            while (first + count < requests.size() && count < MAX_MESSAGES) {
                int length = Netlink.align(requests.get(first + count).remaining());
                if (count > 0 && bytes + length > MAX_BYTES) {
                    break;
                }
                bytes += length;
                count++;
            }
            // Plain array stores: this runs for thousands of requests at start, mostly before the JIT has compiled it.
            byte[] datagram = new byte[bytes];
            int at = 0;
            for (int i = first; i < first + count; i++) {
                ByteBuffer request = requests.get(i);
                int length = request.remaining();
                request.duplicate().get(datagram, at, length);
                int flags = u16(datagram, at + 6);
                u16(datagram, at + 6, i == first + count - 1 ? flags | Netlink.NLM_F_ACK : flags & ~Netlink.NLM_F_ACK);
                u32(datagram, at + 8, firstSeq + i);
                u32(datagram, at + 12, portId);
                at += Netlink.align(length);
            }
            out.add(new Datagram(first, count, ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder())));
            first += count;
        }
        return List.copyOf(out);
    }

    private static int u16(byte[] b, int at) {
        return LITTLE_ENDIAN ? (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 : (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static void u16(byte[] b, int at, int v) {
        b[at + (LITTLE_ENDIAN ? 0 : 1)] = (byte) v;
        b[at + (LITTLE_ENDIAN ? 1 : 0)] = (byte) (v >>> 8);
    }

    private static void u32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + (LITTLE_ENDIAN ? i : 3 - i)] = (byte) (v >>> 8 * i);
        }
    }
}
