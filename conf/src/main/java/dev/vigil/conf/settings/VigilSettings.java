package dev.vigil.conf.settings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Vigil's own settings (HOCON, root key {@code vigil}), read by {@link SettingsLoader}. They complement keepalived.conf
 * and never replace it. Every key is documented in {@code reference.conf}, which also holds the defaults.
 */
public record VigilSettings(Logging logging, Status status, Metrics metrics, Email email, Timers timers,
                            Checkers checkers) {

    /** Settings with the default {@code vigil.checkers} (the kernel's IPVS). */
    public VigilSettings(Logging logging, Status status, Metrics metrics, Email email, Timers timers) {
        this(logging, status, metrics, email, timers, new Checkers(IpvsTarget.KERNEL));
    }

    /** The built-in defaults of {@code reference.conf}. */
    public static VigilSettings defaults() {
        return SettingsLoader.defaults();
    }

    /** {@code vigil.logging}: how and where log lines are written. */
    public record Logging(LogFormat format, LogDestination destination, Path file, SyslogFacility facility,
                          boolean detail) {
    }

    /** Log line format. */
    public enum LogFormat { TEXT, JSON }

    /** Log destination. */
    public enum LogDestination { CONSOLE, FILE, SYSLOG }

    /** {@code vigil.status}: the Unix socket {@code vigil status} talks to. */
    public record Status(Path socket) {
    }

    /** {@code vigil.metrics}: the optional metrics listener. */
    public record Metrics(boolean enabled, String host, int port) {
    }

    /** {@code vigil.email}: mail delivery beyond what keepalived.conf can say. */
    public record Email(StartTls starttls, Auth auth, int queueCapacity, Backoff retry, FlapDigest flapDigest) {
    }

    /** STARTTLS policy. */
    public enum StartTls { OFF, OPPORTUNISTIC, REQUIRED }

    /** SMTP AUTH credentials; an empty user means no authentication. */
    public record Auth(String user, String password) {
        public boolean enabled() {
            return !user.isEmpty();
        }

        /** Never prints the password. */
        @Override
        public String toString() {
            return "Auth[user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
        }
    }

    /** Exponential retry backoff: {@code initial} doubling up to {@code max}. */
    public record Backoff(Duration initial, Duration max) {
    }

    /**
     * Flap digest: the change that makes {@code threshold} changes of one object within {@code hold} starts holding
     * its mails; the hold ends after {@code hold} without a change, or {@code maxHold} after it began, with one
     * digest mail.
     */
    public record FlapDigest(int threshold, Duration hold, Duration maxHold) {
    }

    /** {@code vigil.timers}: scheduling knobs. */
    public record Timers(int vrrpThreadPriority, Duration shutdownGrace) {
    }

    /** {@code vigil.checkers}: where the health checkers' verdicts go. */
    public record Checkers(IpvsTarget ipvs) {
    }

    /**
     * {@code kernel}: the kernel's IPVS table (keepalived's behaviour). {@code none}: the checkers run and the desired
     * table is kept in memory only, for a host without IPVS (benchmarks, test benches).
     */
    public enum IpvsTarget { KERNEL, NONE }
}
