package dev.vigil.linux.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The libc calls the process package needs: posix_spawn (vfork-based, safe in a multi-threaded JVM), waitid/waitpid
 * for the exact exit status, kill to a process group, and user/group look-ups.
 */
interface PosixLibC extends Library {

    PosixLibC INSTANCE = Native.load("c", PosixLibC.class);

    int SIGTERM = 15;
    int SIGKILL = 9;
    int EINTR = 4;

    int O_RDWR = 2;

    // glibc posix_spawn flags
    short POSIX_SPAWN_SETSIGDEF = 0x04;
    short POSIX_SPAWN_SETSIGMASK = 0x08;
    short POSIX_SPAWN_SETSID = 0x80;

    /** Opaque glibc objects; allocated generously (posix_spawnattr_t is 336 bytes, file actions 80, sigset 128). */
    int SPAWN_OBJECT_SIZE = 1024;

    int P_PID = 1;
    int WNOHANG = 1;
    int WEXITED = 4;
    int WNOWAIT = 0x01000000;

    // siginfo_t layout for SIGCHLD on Linux (LP64): si_code at 8, si_status at 24
    int SIGINFO_SIZE = 128;
    long SI_CODE_OFFSET = 8;
    long SI_STATUS_OFFSET = 24;
    int CLD_EXITED = 1;

    /** kill(2); a negative pid addresses the whole process group. */
    int kill(int pid, int sig);

    int geteuid();

    /** strerror(3). */
    String strerror(int errnum);

    int getegid();

    /** getpwnam(3): struct passwd*, or null. Not thread-safe: callers synchronise on {@link PosixLibC#INSTANCE}. */
    Pointer getpwnam(String name);

    /** getpwuid(3): struct passwd*, or null. */
    Pointer getpwuid(int uid);

    /** getgrnam(3): struct group*, or null. */
    Pointer getgrnam(String name);

    /** Returns 0 or an errno value. argv and envp are passed NULL-terminated by JNA. */
    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attr, String[] argv, String[] envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

    /** glibc 2.34+: close every descriptor from {@code lowFd} up in the child. */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int lowFd);

    /** glibc 2.29+. */
    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    int sigemptyset(Pointer sigset);

    int sigfillset(Pointer sigset);

    /** waitid(2); with WNOWAIT the child stays waitable. */
    int waitid(int idtype, int id, Pointer siginfo, int options) throws LastErrorException;

    int waitpid(int pid, IntByReference status, int options) throws LastErrorException;
}
