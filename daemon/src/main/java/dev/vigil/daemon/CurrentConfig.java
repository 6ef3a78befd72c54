package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.KeepalivedConfig;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The keepalived.conf the daemon runs with (a bean). A reload swaps it atomically and then tells every
 * {@link ConfigReloadListener}.
 */
public final class CurrentConfig {
    private final AtomicReference<LoadResult> current;

    public CurrentConfig(LoadResult initial) {
        current = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    /** The model and the diagnostics it was loaded with. */
    public LoadResult result() {
        return current.get();
    }

    public KeepalivedConfig config() {
        return current.get().config();
    }

    /** Installs {@code next}; returns the one it replaces. */
    LoadResult replace(LoadResult next) {
        return current.getAndSet(Objects.requireNonNull(next));
    }
}
