package dev.vigil.vrrp.validate;

/** Outcome of validating one received datagram against an instance. */
public sealed interface Verdict {

    /** Passed every check. */
    record Accepted() implements Verdict {}

    /** Failed a check; {@code logLine} is keepalived's full line, e.g. {@code (VI_1) received an invalid passwd!}. */
    record Rejected(RejectReason reason, String logLine) implements Verdict {}

    /** Not for any configured VRID (or the instance is not listening); {@code logLine} only with log_unknown_vrids. */
    record Ignored(String logLine) implements Verdict {}

    Accepted ACCEPTED = new Accepted();
}
