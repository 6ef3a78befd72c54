package dev.vigil.linux.socket;

import com.sun.jna.LastErrorException;
import dev.vigil.linux.Errno;
import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.LibC;
import dev.vigil.linux.Structs;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Waits on several descriptors with a nanosecond timeout ({@code ppoll(2)}), plus an eventfd so another thread
 * can {@link #wakeup} the waiter. Built for one event-loop thread that sleeps until the next timer deadline or
 * the next packet: {@link #register}/{@link #unregister}/{@link #poll} belong to that thread, {@link #wakeup}
 * may be called from any thread.
 */
public final class Poller implements AutoCloseable {
    private static final int POLLFD_LEN = 8;
    private static final short READY_MASK = LibC.POLLIN | LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL;

    private final int wakeFd;
    private int[] fds = new int[0];
    private volatile boolean closed;

    /** Which descriptors are ready after {@link #poll}; an error or hang-up counts as ready so the reader sees it. */
    public record Ready(int[] fds, boolean woken) {
        public boolean isReady(int fd) {
            for (int f : fds) {
                if (f == fd) {
                    return true;
                }
            }
            return false;
        }

        /** Nothing ready and nobody woke us: the timeout expired. */
        public boolean timedOut() {
            return fds.length == 0 && !woken;
        }

        @Override
        public String toString() {
            return "Ready" + Arrays.toString(fds) + (woken ? " woken" : "");
        }
    }

    public Poller() throws ErrnoException {
        try {
            wakeFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode(), "eventfd");
        }
    }

    /**
     * Lowers the calling thread's timer slack (default 50 us) so its {@link #poll} timeouts end closer to the
     * deadline; call once from the event-loop thread. Returns the slack now in force, in nanoseconds.
     */
    public static long tightenTimerSlack(long slackNanos) throws ErrnoException {
        try {
            LibC.prctl(LibC.PR_SET_TIMERSLACK, Math.max(1, slackNanos), 0, 0, 0);
            return LibC.prctl(LibC.PR_GET_TIMERSLACK, 0, 0, 0, 0);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode(), "prctl(PR_SET_TIMERSLACK)");
        }
    }

    /**
     * Moves the calling thread to SCHED_RR with {@code priority} (1-99), so a busy host's ordinary threads cannot
     * delay its wake-ups (keepalived's {@code vrrp_rt_priority}). Needs CAP_SYS_NICE.
     */
    public static void realtimePriority(int priority) throws ErrnoException {
        try {
            LibC.sched_setscheduler(0, LibC.SCHED_RR, new int[] {priority});
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode(), "sched_setscheduler(SCHED_RR, " + priority + ")");
        }
    }

    /** Adds a descriptor to wait on for input. */
    public void register(int fd) {
        if (Arrays.stream(fds).noneMatch(f -> f == fd)) {
            fds = Arrays.copyOf(fds, fds.length + 1);
            fds[fds.length - 1] = fd;
        }
    }

    public void unregister(int fd) {
        fds = Arrays.stream(fds).filter(f -> f != fd).toArray();
    }

    /**
     * Waits until a registered descriptor is readable, {@link #wakeup} is called, or the timeout passes.
     *
     * @param timeoutNanos longest wait; 0 checks without waiting; negative waits forever
     */
    public Ready poll(long timeoutNanos) throws ErrnoException {
        int[] watched = fds;
        ByteBuffer pollfds = Structs.allocate(POLLFD_LEN * (watched.length + 1));
        pollfds.putInt(wakeFd).putShort(LibC.POLLIN).putShort((short) 0);
        for (int fd : watched) {
            pollfds.putInt(fd).putShort(LibC.POLLIN).putShort((short) 0);
        }
        byte[] raw = pollfds.array();
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            if (closed) {
                throw new ErrnoException(Errno.EBADF, "poller is closed");
            }
            try {
                long[] ts = timeoutNanos < 0 ? null : Structs.timespec(deadline - System.nanoTime());
                LibC.ppoll(raw, watched.length + 1, ts, null);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw new ErrnoException(e.getErrorCode(), "ppoll");
                }
            }
        }
        ByteBuffer result = ByteBuffer.wrap(raw).order(pollfds.order());
        boolean woken = (result.getShort(6) & READY_MASK) != 0;
        if (woken) {
            drainWakeups();
        }
        int[] ready = new int[watched.length];
        int n = 0;
        for (int i = 0; i < watched.length; i++) {
            if ((result.getShort(POLLFD_LEN * (i + 1) + 6) & READY_MASK) != 0) {
                ready[n++] = watched[i];
            }
        }
        return new Ready(Arrays.copyOf(ready, n), woken);
    }

    /** Makes the current or next {@link #poll} return at once. Safe from any thread. */
    public void wakeup() {
        if (closed) {
            return;
        }
        try {
            LibC.write(wakeFd, Structs.allocate(8).putLong(1).array(), 8);
        } catch (LastErrorException e) {
            // EAGAIN: the counter is saturated, so a wake-up is pending anyway
        }
    }

    private void drainWakeups() {
        try {
            LibC.read(wakeFd, new byte[8], 8);
        } catch (LastErrorException e) {
            // EAGAIN: another poll already consumed it
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(wakeFd);
        }
    }
}
