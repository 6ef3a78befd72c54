package dev.vigil.healthchecker.spec;

import java.time.Duration;

/** The checker keywords of a real_server block, with their keepalived default retry settings. */
public enum CheckerKind {
    TCP_CHECK(1, Duration.ofSeconds(1), true),
    HTTP_GET(1, Duration.ofSeconds(3), false),
    SSL_GET(1, Duration.ofSeconds(3), false),
    MISC_CHECK(0, Duration.ofSeconds(1), false),
    SMTP_CHECK(1, Duration.ofSeconds(1), true),
    /** DNS_CHECK's delay_before_retry defaults to delay_loop; {@code null} marks that. */
    DNS_CHECK(3, null, false),
    UDP_CHECK(1, Duration.ofSeconds(1), false),
    PING_CHECK(1, Duration.ofSeconds(1), false),
    FILE_CHECK(0, Duration.ofSeconds(1), false);

    private final int defaultRetry;
    private final Duration defaultDelayBeforeRetry;
    private final boolean retriesWhileDown;

    CheckerKind(int defaultRetry, Duration defaultDelayBeforeRetry, boolean retriesWhileDown) {
        this.defaultRetry = defaultRetry;
        this.defaultDelayBeforeRetry = defaultDelayBeforeRetry;
        this.retriesWhileDown = retriesWhileDown;
    }

    /**
     * Whether a failing checker that is already down still retries before the next delay_loop: TCP_CHECK and
     * SMTP_CHECK do (tcp_epilog, smtp_final); the others retry only while up ("do not retry if server is already
     * known as dead").
     */
    public boolean retriesWhileDown() {
        return retriesWhileDown;
    }

    public int defaultRetry() {
        return defaultRetry;
    }

    /** The default delay_before_retry for a given delay_loop. */
    public Duration defaultDelayBeforeRetry(Duration delayLoop) {
        return defaultDelayBeforeRetry == null ? delayLoop : defaultDelayBeforeRetry;
    }
}
