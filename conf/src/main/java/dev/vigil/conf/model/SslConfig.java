package dev.vigil.conf.model;

/** The top-level SSL block used by SSL_GET; fields null when not set. */
public record SslConfig(String password, String ca, String certificate, String key) {
}
