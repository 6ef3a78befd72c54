package dev.vigil.linux.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Starts a program in a new session with posix_spawn and waits for it with waitid, so that the exact wait status
 * (exit code versus signal) is known — java.lang.Process folds both into one number.
 *
 * <p>The child gets: a new session and process group (pgid = pid), default signal dispositions, an empty signal
 * mask, stdin/stdout/stderr on /dev/null (keepalived's {@code set_std_fd()}), every other descriptor closed, and
 * cwd "/".
 */
final class ProcessSpawner {

    private static final PosixLibC C = PosixLibC.INSTANCE;

    private ProcessSpawner() {
    }

    /** How a reaped process ended. */
    record WaitStatus(int exitCode, int signal) {
    }

    /** Spawns {@code argv} (argv[0] an absolute path); returns the pid. */
    static int spawn(List<String> argv, Map<String, String> env) throws IOException {
        Memory actions = new Memory(PosixLibC.SPAWN_OBJECT_SIZE);
        Memory attr = new Memory(PosixLibC.SPAWN_OBJECT_SIZE);
        Memory sigset = new Memory(PosixLibC.SPAWN_OBJECT_SIZE);
        actions.clear();
        attr.clear();
        check(C.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            check(C.posix_spawnattr_init(attr), "posix_spawnattr_init");
            try {
                for (int fd = 0; fd <= 2; fd++) {
                    check(C.posix_spawn_file_actions_addopen(actions, fd, "/dev/null", PosixLibC.O_RDWR, 0),
                            "addopen");
                }
                check(C.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np");
                check(C.posix_spawn_file_actions_addchdir_np(actions, "/"), "addchdir_np");
                check(C.posix_spawnattr_setflags(attr, (short) (PosixLibC.POSIX_SPAWN_SETSID
                        | PosixLibC.POSIX_SPAWN_SETSIGDEF | PosixLibC.POSIX_SPAWN_SETSIGMASK)), "setflags");
                C.sigfillset(sigset);
                check(C.posix_spawnattr_setsigdefault(attr, sigset), "setsigdefault");
                C.sigemptyset(sigset);
                check(C.posix_spawnattr_setsigmask(attr, sigset), "setsigmask");

                String[] envp = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new);
                IntByReference pid = new IntByReference();
                int rc = C.posix_spawn(pid, argv.get(0), actions, attr, argv.toArray(String[]::new), envp);
                if (rc != 0) {
                    throw new IOException("Error exec-ing command '" + argv.get(0) + "', error " + rc + ": "
                            + strerror(rc));
                }
                return pid.getValue();
            } finally {
                C.posix_spawnattr_destroy(attr);
            }
        } finally {
            C.posix_spawn_file_actions_destroy(actions);
        }
    }

    /**
     * Blocks until {@code pid} has exited, WITHOUT reaping it: while it is a zombie its pid (and so its process
     * group id) cannot be reused, so the caller can still signal the group safely.
     */
    static WaitStatus awaitExit(int pid) {
        Memory info = new Memory(PosixLibC.SIGINFO_SIZE);
        while (true) {
            info.clear();
            try {
                C.waitid(PosixLibC.P_PID, pid, info, PosixLibC.WEXITED | PosixLibC.WNOWAIT);
                int code = info.getInt(PosixLibC.SI_CODE_OFFSET);
                int status = info.getInt(PosixLibC.SI_STATUS_OFFSET);
                return code == PosixLibC.CLD_EXITED ? new WaitStatus(status, 0) : new WaitStatus(-1, status);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != PosixLibC.EINTR) {
                    throw new IllegalStateException("waitid(" + pid + "): " + strerror(e.getErrorCode()), e);
                }
            }
        }
    }

    /** Reaps an exited child (after {@link #awaitExit}). */
    static void reap(int pid) {
        while (true) {
            try {
                C.waitpid(pid, new IntByReference(), 0);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != PosixLibC.EINTR) {
                    return;
                }
            }
        }
    }

    /** Sends {@code signal} to the process group {@code pgid}; false if no such group remains. */
    static boolean killGroup(int pgid, int signal) {
        return C.kill(-pgid, signal) == 0;
    }

    private static void check(int rc, String what) throws IOException {
        if (rc != 0) {
            throw new IOException(what + " failed: " + strerror(rc));
        }
    }

    static String strerror(int errno) {
        return C.strerror(errno);
    }
}
