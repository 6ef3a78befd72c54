package dev.vigil.linux.systemd;

import dev.vigil.linux.LibC;
import dev.vigil.linux.Structs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code $NOTIFY_SOCKET} as a {@code struct sockaddr_un}: u16 sun_family, then sun_path (108 bytes at most).
 * A path ({@code /run/systemd/notify}) is NUL-terminated; an abstract name ({@code @name}) starts with a NUL byte and
 * its length is exact (no terminator), as systemd's own {@code sd_notify} encodes them.
 *
 * @param socket   the variable's value, for messages
 * @param sockaddr the encoded address, exactly as long as {@code sendto(2)}'s address length must be
 */
public record NotifySocketAddress(String socket, byte[] sockaddr) {
    /** {@code sizeof(sun_path)}. */
    public static final int SUN_PATH_SIZE = 108;
    private static final int FAMILY_SIZE = 2;

    public NotifySocketAddress {
        sockaddr = sockaddr.clone();
    }

    @Override
    public byte[] sockaddr() {
        return sockaddr.clone();
    }

    /**
     * Encodes {@code value}.
     *
     * @throws IllegalArgumentException if it is neither an absolute path nor an {@code @} name, or too long
     */
    public static NotifySocketAddress parse(String value) {
        byte[] name;
        boolean isAbstract = value.startsWith("@");
        if (isAbstract) {
            name = value.substring(1).getBytes(StandardCharsets.UTF_8);
        } else if (value.startsWith("/")) {
            name = value.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("unsupported NOTIFY_SOCKET '" + value
                    + "' (expected an absolute path or an @abstract name)");
        }
        int pathLength = name.length + 1; // the leading NUL of an abstract name, or a path's terminating NUL
        if (name.length == 0 || pathLength > SUN_PATH_SIZE) {
            throw new IllegalArgumentException("NOTIFY_SOCKET '" + value + "' is empty or longer than "
                    + (SUN_PATH_SIZE - 1) + " bytes");
        }
        ByteBuffer b = Structs.allocate(FAMILY_SIZE + pathLength).putShort((short) LibC.AF_UNIX);
        if (isAbstract) {
            b.put((byte) 0).put(name);
        } else {
            b.put(name).put((byte) 0);
        }
        return new NotifySocketAddress(value, b.array());
    }

    /** True for an {@code @name} in the abstract namespace. */
    public boolean isAbstract() {
        return socket.startsWith("@");
    }
}
