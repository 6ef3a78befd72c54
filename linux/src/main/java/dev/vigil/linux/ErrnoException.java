package dev.vigil.linux;

import java.io.IOException;

/** A failed system call, carrying the errno so callers can tell EEXIST from EADDRNOTAVAIL without parsing text. */
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public ErrnoException(int errno, String what) {
        super(what + ": " + Errno.describe(errno));
        this.errno = Math.abs(errno);
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
