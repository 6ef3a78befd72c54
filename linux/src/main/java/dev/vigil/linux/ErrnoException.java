package dev.vigil.linux;

import java.io.IOException;

/** A failed system call, carrying the errno so callers can tell EEXIST from EADDRNOTAVAIL without parsing text. */
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public ErrnoException(int errno, String what) {
        this(errno, what, null);
    }

    /** {@code "what: ENAME (text); detail"} — detail (e.g. the kernel's explanation) may be null. */
    public ErrnoException(int errno, String what, String detail) {
        super(what + ": " + Errno.describe(errno) + (detail == null ? "" : "; " + detail));
        this.errno = Math.abs(errno);
    }

    /** Re-wraps another errno failure, keeping its message and errno. */
    protected ErrnoException(ErrnoException cause) {
        super(cause.getMessage(), cause);
        this.errno = cause.errno;
    }

    /** Positive errno number. */
    public int errno() {
        return errno;
    }

    /** Symbolic name such as {@code "ENOENT"}. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
