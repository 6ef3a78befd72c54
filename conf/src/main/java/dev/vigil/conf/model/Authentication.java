package dev.vigil.conf.model;

/** VRRPv2 authentication: {@code PASS} with at most 8 characters (already truncated), or IPsec {@code AH}. */
public record Authentication(Type type, String password) {
    public enum Type { PASS, AH }
}
