package dev.vigil.healthchecker.spec;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings every checker shares (keepalived's {@code install_checker_common_keywords()}).
 *
 * @param connectIp        address to probe; {@code null} means the real server's address
 * @param connectPort      port to probe; 0 means the real server's port
 * @param bindTo           local source address, or {@code null}
 * @param bindPort         local source port, or 0
 * @param connectTimeout   limit for connecting and for each read (default 5 s)
 * @param retry            further attempts after a failure before declaring the checker down
 * @param delayBeforeRetry spacing of those attempts
 * @param delayLoop        interval between regular checks (default 60 s)
 * @param warmup           the first check starts after a random delay in [0, warmup]
 * @param alpha            start with the checker down until it succeeds
 * @param logAllFailures   log every failed attempt, not only the transition
 */
public record CheckCommon(InetAddress connectIp, int connectPort, InetAddress bindTo, int bindPort,
                          Duration connectTimeout, int retry, Duration delayBeforeRetry, Duration delayLoop,
                          Duration warmup, boolean alpha, boolean logAllFailures) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DELAY_LOOP = Duration.ofSeconds(60);

    public CheckCommon {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(delayBeforeRetry, "delayBeforeRetry");
        Objects.requireNonNull(delayLoop, "delayLoop");
        Objects.requireNonNull(warmup, "warmup");
        if (retry < 0) {
            throw new IllegalArgumentException("retry must be >= 0");
        }
    }

    /** keepalived's defaults for a checker kind: warmup = delay_loop, no alpha. */
    public static CheckCommon defaults(CheckerKind kind) {
        return builder(kind).build();
    }

    public static Builder builder(CheckerKind kind) {
        return new Builder(kind);
    }

    /** Builder whose unset fields take the kind's keepalived defaults. */
    public static final class Builder {
        private final CheckerKind kind;
        private InetAddress connectIp;
        private int connectPort;
        private InetAddress bindTo;
        private int bindPort;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Integer retry;
        private Duration delayBeforeRetry;
        private Duration delayLoop = DEFAULT_DELAY_LOOP;
        private Duration warmup;
        private boolean alpha;
        private boolean logAllFailures;

        private Builder(CheckerKind kind) {
            this.kind = kind;
        }

        public Builder connectIp(InetAddress v) { connectIp = v; return this; }
        public Builder connectPort(int v) { connectPort = v; return this; }
        public Builder bindTo(InetAddress v) { bindTo = v; return this; }
        public Builder bindPort(int v) { bindPort = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder retry(int v) { retry = v; return this; }
        public Builder delayBeforeRetry(Duration v) { delayBeforeRetry = v; return this; }
        public Builder delayLoop(Duration v) { delayLoop = v; return this; }
        public Builder warmup(Duration v) { warmup = v; return this; }
        public Builder alpha(boolean v) { alpha = v; return this; }
        public Builder logAllFailures(boolean v) { logAllFailures = v; return this; }

        public CheckCommon build() {
            return new CheckCommon(connectIp, connectPort, bindTo, bindPort, connectTimeout,
                    retry != null ? retry : kind.defaultRetry(),
                    delayBeforeRetry != null ? delayBeforeRetry : kind.defaultDelayBeforeRetry(delayLoop),
                    delayLoop, warmup != null ? warmup : delayLoop, alpha, logAllFailures);
        }
    }
}
