package dev.vigil.healthchecker;

import java.util.List;

/**
 * A point-in-time view of one checked real server, for {@code vigil status}.
 *
 * @param alive    every checker up
 * @param weight   weight IPVS should use while alive
 * @param checkers one entry per checker, in configuration order
 */
public record RealServerStatus(VirtualServerKey vs, Endpoint rs, boolean alive, int weight,
                               List<CheckerStatus> checkers) {

    public RealServerStatus {
        checkers = List.copyOf(checkers);
    }

    /**
     * @param checker    keyword, e.g. HTTP_GET
     * @param up         the checker's state
     * @param lastDetail what the last attempt found, {@code null} before the first
     */
    public record CheckerStatus(String checker, boolean up, String lastDetail) {
    }
}
