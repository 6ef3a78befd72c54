package dev.vigil.daemon;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import java.nio.file.Path;

/** How commands read keepalived.conf; the seam that lets tests hand the CLI a prepared {@link LoadResult}. */
@FunctionalInterface
public interface ConfigReader {
    /** The real parser. */
    ConfigReader KEEPALIVED_CONF = ConfigLoader::load;

    LoadResult load(Path file, LoadOptions options);
}
