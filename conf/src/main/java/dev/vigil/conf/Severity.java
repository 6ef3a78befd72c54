package dev.vigil.conf;

/**
 * How bad a diagnostic is. The order matters: {@code vigil -t} exits with keepalived 2.2.7's code for the
 * worst one (see {@link LoadResult#configTestExitCode()}).
 */
public enum Severity {
    /** Informational only; does not change the exit code. */
    INFO,
    /** keepalived logs it and carries on; {@code -t} still reports "errors but would run" (5) as keepalived does. */
    WARNING,
    /** A configuration error keepalived reports but runs with (the item is skipped or coerced): exit 5. */
    ERROR,
    /** A script-security violation: exit 6. */
    SECURITY,
    /** The configuration cannot run at all (missing file, no usable instance...): exit 4. */
    FATAL
}
