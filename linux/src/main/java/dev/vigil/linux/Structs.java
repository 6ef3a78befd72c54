package dev.vigil.linux;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Byte layouts of the C structs passed to {@link LibC}, built in one place in native byte order
 * (network-order fields are written big-endian explicitly).
 */
public final class Structs {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Structs() {
    }

    /** A buffer of {@code size} zero bytes in native order. */
    public static ByteBuffer allocate(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    public static byte[] intBytes(int value) {
        return allocate(4).putInt(value).array();
    }

    /** {@code struct sockaddr_nl}: u16 family, u16 pad, u32 pid, u32 groups. */
    public static byte[] sockaddrNl(int pid, int groups) {
        return allocate(12).putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(pid).putInt(groups).array();
    }

    /** {@code struct sockaddr_in}: u16 family, be16 port, be32 address, 8 zero bytes. */
    public static byte[] sockaddrIn(Inet4Address address, int port) {
        ByteBuffer b = allocate(16).putShort((short) LibC.AF_INET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(address.getAddress());
        return b.array();
    }

    /** {@code htons}: a 16-bit value as the integer whose native bytes are in network order. */
    public static int htons(int value) {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? Short.toUnsignedInt(Short.reverseBytes((short) value)) : value & 0xffff;
    }

    /**
     * {@code struct sockaddr_ll}: u16 family, be16 protocol, i32 ifindex, u16 hatype, u8 pkttype, u8 halen,
     * u8 addr[8] ({@code mac} up to 8 bytes; halen is its length).
     */
    public static byte[] sockaddrLl(int protocol, int ifindex, byte[] mac) {
        ByteBuffer b = allocate(20).putShort((short) LibC.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) protocol).order(ByteOrder.nativeOrder());
        b.putInt(ifindex).putShort((short) 0).put((byte) 0).put((byte) mac.length).put(mac);
        return b.array();
    }

    /** {@code struct ip_mreqn}: be32 multiaddr, be32 local address, i32 ifindex. */
    public static byte[] ipMreqn(Inet4Address group, Inet4Address local, int ifindex) {
        ByteBuffer b = allocate(12);
        b.put(group == null ? new byte[4] : group.getAddress());
        b.put(local == null ? new byte[4] : local.getAddress());
        return b.putInt(ifindex).array();
    }

    /** One {@code struct pollfd} asking for POLLIN. */
    public static byte[] pollfd(int fd) {
        return allocate(8).putInt(fd).putShort(LibC.POLLIN).putShort((short) 0).array();
    }

    /** {@code struct timespec} as {@code {tv_sec, tv_nsec}}. */
    public static long[] timespec(long nanos) {
        long n = Math.max(0, nanos);
        return new long[] {n / NANOS_PER_SECOND, n % NANOS_PER_SECOND};
    }
}
