package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;

/**
 * Implemented by subsystem beans ({@code @Singleton}) that apply a reloaded keepalived.conf (SIGHUP). Called on the
 * supervisor thread, one at a time, only for a configuration that can run.
 */
public interface ConfigReloadListener {
    void configReloaded(LoadResult previous, LoadResult current);
}
