package dev.vigil.linux.socket;

import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.LibC;
import dev.vigil.linux.NativeSocket;
import dev.vigil.linux.Structs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * An {@code AF_PACKET} raw socket that sends caller-built Ethernet frames (gratuitous ARP) out of a given
 * interface. Needs CAP_NET_RAW.
 */
public final class PacketSocket implements AutoCloseable {
    public static final int ETH_P_ALL = 0x0003;
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_HLEN = 14;
    private static final int ETH_ALEN = 6;
    private static final int SOCKADDR_LL_LEN = 20;
    private static final int RECEIVE_BUFFER = 65536;

    private final NativeSocket socket;

    /** A received frame (Ethernet header included) and the interface it arrived on. */
    public record Frame(ByteBuffer frame, int ifindex) {
    }

    private PacketSocket(NativeSocket socket) {
        this.socket = socket;
    }

    /**
     * {@code socket(AF_PACKET, SOCK_RAW, htons(ethertype))}. The socket receives every frame of that ethertype
     * on every interface; pass 0 for a send-only socket that the kernel queues nothing to.
     */
    public static PacketSocket open(int ethertype) throws ErrnoException {
        return new PacketSocket(NativeSocket.open(LibC.AF_PACKET, LibC.SOCK_RAW, Structs.htons(ethertype),
                "packet socket (ethertype 0x" + Integer.toHexString(ethertype) + ")", RECEIVE_BUFFER));
    }

    /** {@code socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ARP))}, as keepalived's GARP sender. */
    public static PacketSocket openArp() throws ErrnoException {
        return open(ETH_P_ARP);
    }

    public int fd() {
        return socket.fd();
    }

    /** Receive only frames arriving on {@code ifindex}, of the socket's ethertype. */
    public void bind(int ethertype, int ifindex) throws ErrnoException {
        socket.bind(Structs.sockaddrLl(ethertype, ifindex, new byte[0]));
    }

    /**
     * Sends a complete Ethernet frame (destination MAC, source MAC, ethertype, payload) out of {@code ifindex}.
     * The frame's own destination and ethertype fill {@code sockaddr_ll}.
     */
    public void send(ByteBuffer frame, int ifindex) throws ErrnoException {
        if (frame.remaining() < ETH_HLEN) {
            throw new IllegalArgumentException("Ethernet frame of " + frame.remaining() + " bytes is shorter than "
                    + ETH_HLEN);
        }
        int start = frame.position();
        byte[] dst = new byte[ETH_ALEN];
        frame.duplicate().position(start).get(dst);
        int ethertype = Short.toUnsignedInt(frame.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(start + 12));
        socket.sendTo(frame, Structs.sockaddrLl(ethertype, ifindex, dst));
    }

    /** The next frame, waiting at most {@code timeout}; null if none arrived. */
    public Frame receive(Duration timeout) throws ErrnoException {
        byte[] from = new byte[SOCKADDR_LL_LEN];
        ByteBuffer frame = socket.receive(timeout.toNanos(), from);
        if (frame == null) {
            return null;
        }
        int ifindex = ByteBuffer.wrap(from).order(ByteOrder.nativeOrder()).getInt(4);
        return new Frame(frame, ifindex);
    }

    @Override
    public void close() {
        socket.close();
    }
}
