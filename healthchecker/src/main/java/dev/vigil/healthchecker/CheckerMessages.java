package dev.vigil.healthchecker;

import dev.vigil.healthchecker.spec.CheckerKind;

/**
 * keepalived's log lines for one checker (check/check_*.c). {@code target} is FMT_CHK, e.g. {@code [10.0.0.2]:tcp:80}.
 */
public interface CheckerMessages {

    /** Logged when the checker goes (or is confirmed, on its first run) up. */
    String succeeded();

    /** Logged when the checker goes down; {@code retries} > 0 when it failed after that many retries. */
    String failed(int retries, CheckResult last);

    /** Logged per failed attempt with log_all_failures. */
    default String attemptFailed(CheckResult result, int retryIt, int retry) {
        return result.detail();
    }

    /** The standard messages of a network checker of this kind. */
    static CheckerMessages forKind(CheckerKind kind, String target) {
        return switch (kind) {
            case TCP_CHECK -> simple("TCP connection to " + target + " success.", "TCP_CHECK on service " + target);
            case HTTP_GET, SSL_GET -> simple("Remote Web server " + target + " succeed on service.",
                    "HTTP_CHECK on service " + target);
            case SMTP_CHECK -> simple("Remote SMTP server " + target + " succeed on service.",
                    "SMTP_CHECK on service " + target);
            case UDP_CHECK -> simple("UDP connection to " + target + " success.", "UDP_CHECK on service " + target);
            case PING_CHECK -> simple("ICMP connection to " + target + " success.", "ICMP CHECK on service " + target);
            case DNS_CHECK -> simple("DNS_CHECK (" + target + ") succeed.", "DNS_CHECK (" + target + ")");
            case FILE_CHECK -> simple("FILE_CHECK on service " + target + " succeeded.",
                    "FILE_CHECK on service " + target);
            case MISC_CHECK -> throw new IllegalArgumentException("use CheckerMessages.misc");
        };
    }

    private static CheckerMessages simple(String success, String failurePrefix) {
        return new CheckerMessages() {
            @Override
            public String succeeded() {
                return success;
            }

            @Override
            public String failed(int retries, CheckResult last) {
                return retries > 0 ? failurePrefix + " failed after " + retries + " retries." : failurePrefix + " failed.";
            }
        };
    }

    /** MISC_CHECK: {@code Misc check for [RS VS VS] by [path] succeeded|failed ... (exited with status N).} */
    static CheckerMessages misc(String rs, String vs, String path) {
        String prefix = "Misc check for [" + rs + " VS " + vs + "] by [" + path + "] ";
        return new CheckerMessages() {
            @Override
            public String succeeded() {
                return prefix + "succeeded.";
            }

            @Override
            public String failed(int retries, CheckResult last) {
                String when = retries > 0 ? " after " + retries + (retries == 1 ? " retry" : " retries")
                        : " with retry disabled";
                return line(last, when);
            }

            @Override
            public String attemptFailed(CheckResult result, int retryIt, int retry) {
                String when = retryIt == 1 ? ", will do " + retry + (retry == 1 ? " retry" : " retries")
                        : " on retry " + (retryIt - 1) + "/" + retry;
                return line(result, when);
            }

            private String line(CheckResult r, String when) {
                // detail is "timed out" or "exited with status N" / "due to signal N"
                if ("timed out".equals(r.detail())) {
                    return prefix + "timed out" + when + ".";
                }
                return prefix + "failed" + when + " (" + r.detail() + ").";
            }
        };
    }
}
