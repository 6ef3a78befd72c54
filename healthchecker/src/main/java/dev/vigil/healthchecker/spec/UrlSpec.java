package dev.vigil.healthchecker.spec;

import java.util.List;
import java.util.Locale;

/**
 * One {@code url { path; digest; status_code; virtualhost }} of HTTP_GET / SSL_GET.
 *
 * @param path        request path
 * @param digest      expected MD5 of the body as lower-case hex, or {@code null}
 * @param statusCodes accepted codes; empty means 200-299
 * @param virtualhost Host header for this url, or {@code null} to inherit
 */
public record UrlSpec(String path, String digest, List<StatusRange> statusCodes, String virtualhost) {

    public UrlSpec {
        statusCodes = List.copyOf(statusCodes);
        digest = digest == null ? null : digest.toLowerCase(Locale.ROOT);
    }

    public static UrlSpec of(String path) {
        return new UrlSpec(path, null, List.of(), null);
    }

    public boolean accepts(int status) {
        return statusCodes.isEmpty() ? StatusRange.DEFAULT.contains(status)
                : statusCodes.stream().anyMatch(r -> r.contains(status));
    }
}
