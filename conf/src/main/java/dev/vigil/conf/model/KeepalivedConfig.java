package dev.vigil.conf.model;

/** The whole parsed keepalived.conf (immutable). Placeholder until the parser lands. */
public record KeepalivedConfig() {
    public static KeepalivedConfig empty() {
        return new KeepalivedConfig();
    }
}
