package dev.vigil.conf;

import dev.vigil.conf.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.List;

/** Entry point of the keepalived.conf reader: file in, typed model plus diagnostics out. Never throws for bad input. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static LoadResult load(Path file, LoadOptions options) {
        // Placeholder until the parser lands (issue 2): an empty model, no diagnostics.
        return new LoadResult(KeepalivedConfig.empty(), List.of());
    }
}
