package dev.vigil.daemon.status;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The status socket's protocol: the client sends one line, the daemon answers with text and closes. Requests:
 * {@code status} (the human table), {@code status json} (the JSON document), {@code stats} (keepalived's
 * {@code /tmp/keepalived.stats} text). Anything else gets one line starting with {@value #ERROR}.
 */
public final class StatusRequests implements Function<String, String> {
    public static final String STATUS = "status";
    public static final String STATUS_JSON = "status json";
    public static final String STATS = "stats";
    public static final String ERROR = "error: ";

    private final Supplier<StatusSnapshot> snapshots;
    private final Supplier<String> stats;

    public StatusRequests(Supplier<StatusSnapshot> snapshots, Supplier<String> stats) {
        this.snapshots = snapshots;
        this.stats = stats;
    }

    @Override
    public String apply(String request) {
        return switch (request.strip()) {
            case STATUS -> StatusTable.render(snapshots.get());
            case STATUS_JSON -> StatusJson.render(snapshots.get());
            case STATS -> stats.get();
            default -> ERROR + "unknown request '" + printable(request.strip()) + "' (expected: " + STATUS + ", "
                    + STATUS_JSON + ", " + STATS + ")\n";
        };
    }

    /** The request as it can be echoed safely: control characters replaced, at most 64 characters. */
    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
