package dev.vigil.conf.model;

import java.util.List;

/** One url block of HTTP_GET/SSL_GET: status codes default to 200-299; digest lower-case hex MD5 or null. */
public record UrlCheck(String path, String digest, List<StatusRange> statusCodes, String virtualhost, String regex,
        boolean regexNoMatch) {
    public UrlCheck {
        statusCodes = List.copyOf(statusCodes);
    }

    /** An inclusive range of HTTP status codes. */
    public record StatusRange(int from, int to) {
        public boolean contains(int code) {
            return code >= from && code <= to;
        }
    }
}
