package dev.vigil.healthchecker.spec;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code url { path; digest; status_code; virtualhost }} of HTTP_GET / SSL_GET.
 *
 * @param path        request path
 * @param digest      expected MD5 of the body as lower-case hex, or {@code null}
 * @param statusCodes accepted codes; empty means 200-299
 * @param virtualhost Host header for this url, or {@code null} to inherit
 * @param regex        a regular expression the body must match (Java syntax, close to keepalived's PCRE2), or null
 * @param regexNoMatch the body must NOT match {@code regex}
 */
public record UrlSpec(String path, String digest, List<StatusRange> statusCodes, String virtualhost, Pattern regex,
                      boolean regexNoMatch) {

    public UrlSpec {
        statusCodes = List.copyOf(statusCodes);
        digest = digest == null ? null : digest.toLowerCase(Locale.ROOT);
    }

    public UrlSpec(String path, String digest, List<StatusRange> statusCodes, String virtualhost) {
        this(path, digest, statusCodes, virtualhost, null, false);
    }

    public static UrlSpec of(String path) {
        return new UrlSpec(path, null, List.of(), null, null, false);
    }

    /** Records compare patterns by their source text. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UrlSpec u && path.equals(u.path) && Objects.equals(digest, u.digest)
                && statusCodes.equals(u.statusCodes) && Objects.equals(virtualhost, u.virtualhost)
                && Objects.equals(regex == null ? null : regex.pattern(), u.regex == null ? null : u.regex.pattern())
                && regexNoMatch == u.regexNoMatch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, digest, statusCodes, virtualhost, regex == null ? null : regex.pattern(),
                regexNoMatch);
    }

    public boolean accepts(int status) {
        return statusCodes.isEmpty() ? StatusRange.DEFAULT.contains(status)
                : statusCodes.stream().anyMatch(r -> r.contains(status));
    }
}
