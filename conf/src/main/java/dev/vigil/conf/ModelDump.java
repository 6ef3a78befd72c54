package dev.vigil.conf;

import dev.vigil.conf.model.KeepalivedConfig;

/** Prints a parsed model for {@code vigil config dump} and {@code -d/--dump-conf}. */
public final class ModelDump {
    private ModelDump() {
    }

    /** The model as JSON (parameters, includes and defaults applied). */
    public static String json(KeepalivedConfig config) {
        return "{}";
    }

    /** The model as HOCON. */
    public static String hocon(KeepalivedConfig config) {
        return "{}";
    }
}
