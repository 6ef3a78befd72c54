package dev.vigil.conf;

/**
 * How to read a keepalived.conf.
 *
 * @param configId  the id matched by {@code @id} conditional lines (keepalived's {@code -i}); null = short hostname
 * @param allConfig keepalived's {@code -e/--all-config}: a missing include is fatal
 */
public record LoadOptions(String configId, boolean allConfig) {
    public static LoadOptions defaults() {
        return new LoadOptions(null, false);
    }
}
