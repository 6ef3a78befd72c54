package dev.vigil.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The module's only JNA binding: the handful of glibc calls Vigil needs, direct-mapped for speed.
 *
 * <p>Every call that can fail throws {@link LastErrorException}, which JNA raises when {@code errno} is set
 * by the call; use {@link #call} helpers in callers to turn it into an {@link ErrnoException} that names the
 * errno. Sizes ({@code size_t}, {@code ssize_t}) are {@code long} (LP64 only; Vigil targets x86_64/arm64 Linux).
 *
 * <p>Struct layouts are passed as {@code byte[]} built by pure-Java code in native byte order:
 * <ul>
 *   <li>{@code struct sockaddr_nl} (12 B): u16 nl_family, u16 pad, u32 nl_pid, u32 nl_groups — see
 *       {@code dev.vigil.linux.netlink.NetlinkSocket}.</li>
 *   <li>{@code struct sockaddr_in} (16 B): u16 sin_family, be16 sin_port, be32 sin_addr, 8 B zero.</li>
 *   <li>{@code struct sockaddr_ll} (20 B): u16 family, be16 protocol, i32 ifindex, u16 hatype, u8 pkttype,
 *       u8 halen, u8 addr[8].</li>
 *   <li>{@code struct ip_mreqn} (12 B): be32 multiaddr, be32 address, i32 ifindex.</li>
 *   <li>{@code struct pollfd} (8 B): i32 fd, i16 events, i16 revents.</li>
 *   <li>{@code struct timespec} (16 B on LP64): i64 tv_sec, i64 tv_nsec — passed as {@code long[2]}.</li>
 * </ul>
 */
public final class LibC {
    static {
        Native.register(LibC.class, "c");
    }

    private LibC() {
    }

    // --- socket families, types, levels (include/linux/socket.h, asm-generic/socket.h) ---
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_IP = 0;
    public static final int SOL_SOCKET = 1;
    public static final int SOL_PACKET = 263;
    public static final int SOL_NETLINK = 270;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_TRUNC = 0x20;

    // --- errno values used for control flow ---
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;

    // --- open(2), eventfd(2), setns(2) ---
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int CLONE_NEWNET = 0x40000000;

    // --- poll(2) ---
    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    public static native int socket(int domain, int type, int protocol) throws LastErrorException;

    public static native int bind(int fd, byte[] addr, int addrLen) throws LastErrorException;

    public static native int getsockname(int fd, byte[] addr, int[] addrLen) throws LastErrorException;

    public static native int setsockopt(int fd, int level, int name, byte[] value, int valueLen)
            throws LastErrorException;

    public static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen)
            throws LastErrorException;

    /** {@code buf} is native memory (a reusable {@code com.sun.jna.Memory}) so receives copy only what arrived. */
    public static native long recvfrom(int fd, Pointer buf, long len, int flags, byte[] addr, int[] addrLen)
            throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    public static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    public static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    /** {@code fds} is an array of {@code struct pollfd}; {@code timeout} a {@code timespec} or null (wait forever). */
    public static native int ppoll(byte[] fds, long nfds, long[] timeout, Pointer sigmask) throws LastErrorException;

    public static native int eventfd(int initval, int flags) throws LastErrorException;

    public static native int open(String path, int flags) throws LastErrorException;

    public static native int setns(int fd, int nstype) throws LastErrorException;

    /** prctl(2) with integer arguments (e.g. PR_SET_TIMERSLACK for the calling thread). */
    public static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** {@code sched_setscheduler(2)}; pid 0 = the calling thread; {@code param} is {@code struct sched_param}. */
    public static native int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;

    public static final int SCHED_OTHER = 0;
    public static final int SCHED_RR = 2;

    public static final int PR_SET_TIMERSLACK = 29;
    public static final int PR_GET_TIMERSLACK = 30;

    /** Not thread-safe in theory; glibc returns static strings for every known errno, which is all we ask. */
    public static native String strerror(int errnum);

    // --- sd_notify (dev.vigil.linux.systemd): AF_UNIX datagrams and the monotonic clock ---
    public static final int AF_UNIX = 1;
    public static final int CLOCK_MONOTONIC = 1;

    /** {@code timespec} receives {@code {tv_sec, tv_nsec}}. */
    public static native int clock_gettime(int clockId, long[] timespec) throws LastErrorException;
}
