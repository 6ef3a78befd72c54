package dev.vigil.healthchecker.spec;

import java.time.Duration;

/** The checker keywords of a real_server block, with their keepalived default retry settings. */
public enum CheckerKind {
    TCP_CHECK(1, Duration.ofSeconds(1)),
    HTTP_GET(1, Duration.ofSeconds(3)),
    SSL_GET(1, Duration.ofSeconds(3)),
    MISC_CHECK(0, Duration.ofSeconds(1)),
    SMTP_CHECK(1, Duration.ofSeconds(1)),
    /** DNS_CHECK's delay_before_retry defaults to delay_loop; {@code null} marks that. */
    DNS_CHECK(3, null),
    UDP_CHECK(1, Duration.ofSeconds(1)),
    PING_CHECK(1, Duration.ofSeconds(1)),
    FILE_CHECK(0, Duration.ofSeconds(1));

    private final int defaultRetry;
    private final Duration defaultDelayBeforeRetry;

    CheckerKind(int defaultRetry, Duration defaultDelayBeforeRetry) {
        this.defaultRetry = defaultRetry;
        this.defaultDelayBeforeRetry = defaultDelayBeforeRetry;
    }

    public int defaultRetry() {
        return defaultRetry;
    }

    /** The default delay_before_retry for a given delay_loop. */
    public Duration defaultDelayBeforeRetry(Duration delayLoop) {
        return defaultDelayBeforeRetry == null ? delayLoop : defaultDelayBeforeRetry;
    }
}
