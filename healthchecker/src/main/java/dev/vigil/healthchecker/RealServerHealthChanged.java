package dev.vigil.healthchecker;

/**
 * A real server became alive or dead, or its effective weight changed while alive.
 *
 * @param vs      the virtual server
 * @param rs      the real server
 * @param up      alive: every checker of the real server is up
 * @param checker the checker whose result caused the change, e.g. {@code TCP_CHECK}
 * @param detail  keepalived's log line for the change
 * @param weight  the weight to give IPVS while alive (configured weight plus dynamic adjustments, at least 0)
 */
public record RealServerHealthChanged(VirtualServerKey vs, Endpoint rs, boolean up, String checker, String detail,
                                      int weight) {
}
