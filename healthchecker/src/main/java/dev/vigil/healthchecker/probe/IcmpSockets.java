package dev.vigil.healthchecker.probe;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** Opens ICMP sockets (JNA socket(2)): raw as root, else the kernel's unprivileged "ping" datagram socket. */
final class IcmpSockets {

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol);

        int close(int fd);

        int setsockopt(int fd, int level, int name, int[] value, int length);
    }

    static final int SOL_RAW = 255;
    static final int ICMP_FILTER = 1;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUFFORCE = 33;
    /** Room for a burst of replies when many checks ping at once (root may exceed net.core.rmem_max). */
    static final int RECEIVE_BUFFER = 1 << 20;

    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 04000;
    static final int SOCK_CLOEXEC = 02000000;
    static final int IPPROTO_ICMP = 1;

    /** An open ICMP socket and whether received datagrams start with the IPv4 header (raw sockets). */
    record Opened(int fd, boolean raw) {
    }

    private IcmpSockets() {
    }

    /** Returns null when neither kind of ICMP socket may be opened. */
    static Opened open() {
        int flags = SOCK_NONBLOCK | SOCK_CLOEXEC;
        int fd = LibC.INSTANCE.socket(AF_INET, SOCK_RAW | flags, IPPROTO_ICMP);
        if (fd >= 0) {
            // A raw socket sees every ICMP packet the host receives: let the kernel drop all but echo replies.
            int blockAllButEchoReply = ~(1 << IcmpEcho.ECHO_REPLY);
            LibC.INSTANCE.setsockopt(fd, SOL_RAW, ICMP_FILTER, new int[] {blockAllButEchoReply}, 4);
            LibC.INSTANCE.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, new int[] {RECEIVE_BUFFER}, 4);
            return new Opened(fd, true);
        }
        fd = LibC.INSTANCE.socket(AF_INET, SOCK_DGRAM | flags, IPPROTO_ICMP);
        return fd >= 0 ? new Opened(fd, false) : null;
    }
}
