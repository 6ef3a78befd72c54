package dev.vigil.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed netlink message: header fields plus a read-only view of its payload (family header and
 * attributes). Parsing never reads past the datagram; a bad length is reported as
 * {@link IllegalArgumentException} naming the offset.
 */
public final class NetlinkMessage {
    private final int type;
    private final int flags;
    private final int seq;
    private final int pid;
    private final ByteBuffer message;

    private NetlinkMessage(ByteBuffer message) {
        this.message = message;
        this.type = Short.toUnsignedInt(message.getShort(4));
        this.flags = Short.toUnsignedInt(message.getShort(6));
        this.seq = message.getInt(8);
        this.pid = message.getInt(12);
    }

    /** Splits a datagram (from its position to its limit) into messages. The buffer's position is not moved. */
    public static List<NetlinkMessage> parseAll(ByteBuffer datagram) {
        ByteBuffer d = datagram.slice().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        int offset = 0;
        while (d.limit() - offset >= Netlink.NLMSG_HDRLEN) {
            int length = d.getInt(offset);
            if (length < Netlink.NLMSG_HDRLEN || length > d.limit() - offset) {
                throw new IllegalArgumentException("netlink message at offset " + offset + " declares length "
                        + Integer.toUnsignedString(length) + " but " + (d.limit() - offset) + " bytes remain");
            }
            ByteBuffer one = d.slice(offset, length).order(ByteOrder.nativeOrder());
            out.add(new NetlinkMessage(one.asReadOnlyBuffer().order(ByteOrder.nativeOrder())));
            offset += Netlink.align(length);
        }
        if (offset < d.limit()) {
            throw new IllegalArgumentException("netlink datagram has " + (d.limit() - offset)
                    + " trailing bytes at offset " + offset + ", too short for a header");
        }
        return out;
    }

    /** Parses a buffer that holds exactly one message (as returned by {@link NetlinkSocket#request}). */
    public static NetlinkMessage parse(ByteBuffer message) {
        List<NetlinkMessage> all = parseAll(message);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one netlink message, found " + all.size());
        }
        return all.get(0);
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public int seq() {
        return seq;
    }

    public int pid() {
        return pid;
    }

    public int length() {
        return message.limit();
    }

    /** Everything after the 16-byte header, positioned at 0, native order. */
    public ByteBuffer payload() {
        return message.slice(Netlink.NLMSG_HDRLEN, message.limit() - Netlink.NLMSG_HDRLEN)
                .order(ByteOrder.nativeOrder());
    }

    /** The whole message including its header, positioned at 0, native order. */
    public ByteBuffer raw() {
        return message.duplicate().order(ByteOrder.nativeOrder());
    }

    /** Attributes after a fixed family header of {@code familyHeaderLength} bytes (e.g. 4 for genetlink). */
    public NlAttributes attributes(int familyHeaderLength) {
        ByteBuffer p = payload();
        int start = Netlink.align(familyHeaderLength);
        if (start > p.limit()) {
            throw new IllegalArgumentException("netlink message type " + type + " has " + p.limit()
                    + " payload bytes, shorter than its " + familyHeaderLength + "-byte family header");
        }
        return NlAttributes.parse(p.position(start));
    }

    public boolean isError() {
        return type == Netlink.NLMSG_ERROR;
    }

    public boolean isDone() {
        return type == Netlink.NLMSG_DONE;
    }

    /**
     * For NLMSG_ERROR: the kernel's error, 0 for an ACK or a negative errno. For NLMSG_DONE: the optional
     * dump status (0 or a negative errno).
     */
    public int errorCode() {
        if (!isError() && !isDone()) {
            throw new IllegalStateException("message type " + type + " carries no error code");
        }
        return message.limit() >= Netlink.NLMSG_HDRLEN + 4 ? message.getInt(Netlink.NLMSG_HDRLEN) : 0;
    }

    /** For NLMSG_ERROR with extended ACK: the kernel's text (NLMSGERR_ATTR_MSG), else null. */
    public String extAckMessage() {
        if (!isError() || (flags & Netlink.NLM_F_ACK_TLVS) == 0) {
            return null;
        }
        ByteBuffer p = payload();
        // nlmsgerr = i32 error + the original request: only its header when capped, else the whole of it
        int origLength = p.limit() >= 8 ? p.getInt(4) : 0;
        int skip = 4 + ((flags & Netlink.NLM_F_CAPPED) != 0 ? Netlink.NLMSG_HDRLEN : Netlink.align(origLength));
        if (skip > p.limit()) {
            return null;
        }
        NlAttributes tlvs = NlAttributes.parse(p.position(skip));
        return tlvs.has(Netlink.NLMSGERR_ATTR_MSG) ? tlvs.string(Netlink.NLMSGERR_ATTR_MSG) : null;
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq="
                + Integer.toUnsignedString(seq) + ", pid=" + Integer.toUnsignedString(pid) + ", len=" + length() + "]";
    }
}
