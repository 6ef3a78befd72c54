package dev.vigil.daemon;

/** keepalived 2.2.7's process exit codes (lib/scheduler.h), which init scripts and supervisors rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Unrecoverable problem (also: a bad command-line option, as keepalived's getopt handling). */
    public static final int FATAL = 1;
    /** The configuration (keepalived.conf or Vigil's settings) cannot run. */
    public static final int CONFIG = 2;
    /** Vigil lacks the privileges it needs (CAP_NET_ADMIN, CAP_NET_RAW). */
    public static final int MISSING_PERMISSION = 4;
    /** The configuration file does not exist. */
    public static final int NO_CONFIG = 6;

    private ExitCodes() {
    }

    /** keepalived's word for a permanent exit code in "exited with permanent error X" (lib/scheduler.c). */
    static String describe(int code) {
        return switch (code) {
            case CONFIG -> "CONFIG";
            case MISSING_PERMISSION -> "missing permission";
            default -> "FATAL";
        };
    }
}
