package dev.vigil.notify.mail;

/** What a checker concluded; only MISC_CHECK distinguishes a timeout in its mail. */
public enum CheckVerdict {
    SUCCEEDED,
    FAILED,
    TIMED_OUT
}
