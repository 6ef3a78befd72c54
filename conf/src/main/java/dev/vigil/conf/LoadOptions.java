package dev.vigil.conf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * How to read a keepalived.conf.
 *
 * @param configId        the id matched by {@code @id} conditional lines (keepalived's {@code -i}); null = short
 *                        hostname
 * @param allConfig       keepalived's {@code -e/--all-config}: a missing include is fatal
 * @param interfaceExists whether a network interface exists, for keepalived's "interface ... doesn't exist"
 *                        checks; null = don't check (the reader stays independent of the host)
 */
public record LoadOptions(String configId, boolean allConfig, Predicate<String> interfaceExists) {

    public LoadOptions(String configId, boolean allConfig) {
        this(configId, allConfig, null);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null, false);
    }

    /** These options plus checks against this host's interfaces (/sys/class/net), as {@code keepalived -t} does. */
    public LoadOptions withHostInterfaces() {
        return new LoadOptions(configId, allConfig, LoadOptions::hostHasInterface);
    }

    private static boolean hostHasInterface(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.startsWith(".")
                && Files.exists(Path.of("/sys/class/net", name));
    }
}
