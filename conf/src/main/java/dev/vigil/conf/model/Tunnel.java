package dev.vigil.conf.model;

/**
 * Tunnel encapsulation of {@code lb_kind TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]}: type "ipip" by
 * default, port only for gue, checksum "nocsum" by default.
 */
public record Tunnel(String type, int port, String checksum) {
    public static final Tunnel IPIP = new Tunnel("ipip", 0, "nocsum");
}
