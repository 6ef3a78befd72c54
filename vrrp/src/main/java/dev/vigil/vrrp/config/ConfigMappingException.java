package dev.vigil.vrrp.config;

/** The configuration cannot run on this host (an interface is missing or has no IPv4 address, ...). */
public final class ConfigMappingException extends Exception {
    public ConfigMappingException(String message) {
        super(message);
    }
}
