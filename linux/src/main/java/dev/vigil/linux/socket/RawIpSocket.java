package dev.vigil.linux.socket;

import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.LibC;
import dev.vigil.linux.NativeSocket;
import dev.vigil.linux.Structs;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * An IPv4 raw socket for one IP protocol (112 for VRRP). Sends whole IPv4 packets when the header is included
 * (IP_HDRINCL: the caller builds the header, the kernel fills in checksum and total length); receives always
 * include the IP header so TTL and lengths can be validated.
 *
 * <p>{@link #openVrrpSender} and {@link #openVrrpReceiver} configure sockets as keepalived does.
 */
public final class RawIpSocket implements AutoCloseable {
    public static final int IPPROTO_VRRP = 112;
    /** 224.0.0.18, the VRRP IPv4 group. */
    public static final Inet4Address VRRP_GROUP = ipv4(new byte[] {(byte) 224, 0, 0, 18});

    static final int IP_TOS = 1;
    static final int IP_HDRINCL = 3;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_DROP_MEMBERSHIP = 36;
    static final int IP_MULTICAST_ALL = 49;
    private static final int SOCKADDR_IN_LEN = 16;
    /** Largest IPv4 datagram. */
    private static final int RECEIVE_BUFFER = 65535;

    private final NativeSocket socket;
    private final int protocol;

    /** A received packet, IP header included, and the sender's address. */
    public record Datagram(ByteBuffer packet, Inet4Address source) {
        /** The IP header's TTL byte (VRRP requires 255). */
        public int ttl() {
            return Byte.toUnsignedInt(packet.get(packet.position() + 8));
        }

        /** IP header length in bytes (IHL × 4). */
        public int headerLength() {
            return (packet.get(packet.position()) & 0x0f) * 4;
        }
    }

    private RawIpSocket(NativeSocket socket, int protocol) {
        this.socket = socket;
        this.protocol = protocol;
    }

    /** {@code socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, protocol)}; needs CAP_NET_RAW. */
    public static RawIpSocket open(int protocol) throws ErrnoException {
        return new RawIpSocket(NativeSocket.open(LibC.AF_INET, LibC.SOCK_RAW, protocol,
                "raw IP socket (protocol " + protocol + ")", RECEIVE_BUFFER), protocol);
    }

    /**
     * A VRRP send socket: IP_HDRINCL, bound to {@code ifname}, multicast out of {@code ifindex} from
     * {@code source}, loop-back off, multicast TTL 255.
     */
    public static RawIpSocket openVrrpSender(String ifname, int ifindex, Inet4Address source) throws ErrnoException {
        RawIpSocket s = open(IPPROTO_VRRP);
        try {
            s.setHeaderIncluded(true);
            s.bindToDevice(ifname);
            s.setMulticastInterface(ifindex, source);
            s.setMulticastLoop(false);
            s.setMulticastTtl(255);
            return s;
        } catch (ErrnoException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A VRRP receive socket: bound to {@code ifname}, joined to 224.0.0.18 on {@code ifindex}, and
     * IP_MULTICAST_ALL off so groups joined by other sockets on the host are not delivered here.
     */
    public static RawIpSocket openVrrpReceiver(String ifname, int ifindex) throws ErrnoException {
        RawIpSocket s = open(IPPROTO_VRRP);
        try {
            s.bindToDevice(ifname);
            s.setMulticastAll(false);
            s.joinGroup(VRRP_GROUP, ifindex);
            return s;
        } catch (ErrnoException e) {
            s.close();
            throw e;
        }
    }

    public int fd() {
        return socket.fd();
    }

    public int protocol() {
        return protocol;
    }

    public void setHeaderIncluded(boolean on) throws ErrnoException {
        socket.setOption(LibC.SOL_IP, IP_HDRINCL, on ? 1 : 0, "IP_HDRINCL");
    }

    /** SO_BINDTODEVICE: only this interface's traffic is sent and received (needs CAP_NET_RAW). */
    public void bindToDevice(String ifname) throws ErrnoException {
        byte[] name = ifname.getBytes(StandardCharsets.UTF_8);
        socket.setOption(LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, Arrays.copyOf(name, name.length + 1),
                "SO_BINDTODEVICE " + ifname);
    }

    /** IP_MULTICAST_IF with {@code struct ip_mreqn} (source may be null: the kernel picks). */
    public void setMulticastInterface(int ifindex, Inet4Address source) throws ErrnoException {
        socket.setOption(LibC.SOL_IP, IP_MULTICAST_IF, Structs.ipMreqn(null, source, ifindex), "IP_MULTICAST_IF");
    }

    public void setMulticastLoop(boolean on) throws ErrnoException {
        socket.setOption(LibC.SOL_IP, IP_MULTICAST_LOOP, on ? 1 : 0, "IP_MULTICAST_LOOP");
    }

    public void setMulticastTtl(int ttl) throws ErrnoException {
        socket.setOption(LibC.SOL_IP, IP_MULTICAST_TTL, ttl, "IP_MULTICAST_TTL");
    }

    public void setMulticastAll(boolean on) throws ErrnoException {
        socket.setOption(LibC.SOL_IP, IP_MULTICAST_ALL, on ? 1 : 0, "IP_MULTICAST_ALL");
    }

    public void setTos(int tos) throws ErrnoException {
        socket.setOption(LibC.SOL_IP, IP_TOS, tos, "IP_TOS");
    }

    /**
     * SO_RCVBUF of {@code bytes}: beyond net.core.rmem_max with SO_RCVBUFFORCE when privileged (CAP_NET_ADMIN),
     * else as much as rmem_max allows.
     */
    public void setReceiveBufferSize(int bytes) throws ErrnoException {
        try {
            socket.setOption(LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, bytes, "SO_RCVBUFFORCE");
        } catch (ErrnoException e) {
            socket.setOption(LibC.SOL_SOCKET, LibC.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    /** IP_ADD_MEMBERSHIP with {@code struct ip_mreqn} on interface {@code ifindex}. */
    public void joinGroup(Inet4Address group, int ifindex) throws ErrnoException {
        socket.setOption(LibC.SOL_IP, IP_ADD_MEMBERSHIP, Structs.ipMreqn(group, null, ifindex),
                "IP_ADD_MEMBERSHIP " + group.getHostAddress());
    }

    public void leaveGroup(Inet4Address group, int ifindex) throws ErrnoException {
        socket.setOption(LibC.SOL_IP, IP_DROP_MEMBERSHIP, Structs.ipMreqn(group, null, ifindex),
                "IP_DROP_MEMBERSHIP " + group.getHostAddress());
    }

    /**
     * Sends one packet (the buffer's remaining bytes; a whole IPv4 packet when the header is included).
     *
     * @param destination the IP destination (224.0.0.18, or a unicast peer)
     */
    public void send(ByteBuffer packet, Inet4Address destination) throws ErrnoException {
        socket.sendTo(packet, Structs.sockaddrIn(destination, 0));
    }

    /** The next packet, waiting at most {@code timeout}; null if none arrived. */
    public Datagram receive(Duration timeout) throws ErrnoException {
        return receive(timeout.toNanos());
    }

    /** A packet already queued, or null; for use after a {@link Poller} reported the socket readable. */
    public Datagram tryReceive() throws ErrnoException {
        return receive(0);
    }

    private Datagram receive(long timeoutNanos) throws ErrnoException {
        byte[] from = new byte[SOCKADDR_IN_LEN];
        ByteBuffer packet = socket.receive(timeoutNanos, from);
        if (packet == null) {
            return null;
        }
        return new Datagram(packet, ipv4(Arrays.copyOfRange(from, 4, 8)));
    }

    private static Inet4Address ipv4(byte[] raw) {
        try {
            return (Inet4Address) InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
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
