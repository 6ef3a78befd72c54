package dev.vigil.healthchecker.spec;

/** An inclusive HTTP status code range from {@code status_code 200-299}. */
public record StatusRange(int from, int to) {

    /** keepalived's default when a url has no status_code. */
    public static final StatusRange DEFAULT = new StatusRange(200, 299);

    public StatusRange {
        if (from < 100 || to > 599 || from > to) {
            throw new IllegalArgumentException("status_code range must be within 100-599: " + from + "-" + to);
        }
    }

    public boolean contains(int status) {
        return status >= from && status <= to;
    }
}
