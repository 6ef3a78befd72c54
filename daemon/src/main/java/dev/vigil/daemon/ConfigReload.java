package dev.vigil.daemon;

import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.notify.events.EventLog;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP: re-reads keepalived.conf, logs its diagnostics and, when it can run, installs it and tells the listeners.
 * Unlike keepalived 2.2.7, which can exit on a bad reload and leave VIPs behind, a configuration that cannot run is
 * refused and the running one is kept.
 */
final class ConfigReload implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final ConfigReader reader;
    private final DaemonOptions options;
    private final Supplier<LoadOptions> loadOptions;
    private final CurrentConfig current;
    private final Supplier<Collection<ConfigReloadListener>> listeners;

    /** @param loadOptions how to read keepalived.conf at each reload (the host's interfaces as of then) */
    ConfigReload(ConfigReader reader, DaemonOptions options, Supplier<LoadOptions> loadOptions, CurrentConfig current,
                 Supplier<Collection<ConfigReloadListener>> listeners) {
        this.reader = reader;
        this.options = options;
        this.loadOptions = loadOptions;
        this.current = current;
        this.listeners = listeners;
    }

    @Override
    public void run() {
        LOG.info("Reloading");
        if (!Files.exists(options.configFile())) {
            LOG.error("Config files missing '{}'.", options.configFile());
            LOG.error("Reload aborted; the running configuration is kept");
            EventLog.emitWarning("config.reloaded", Map.of("file", options.configFile().toString(), "ok", false),
                    null);
            return;
        }
        LoadResult next = reader.load(options.configFile(), loadOptions.get());
        Diagnostics.log(next.diagnostics(), LOG);
        if (Diagnostics.cannotRun(next)) {
            LOG.error("Reload aborted: {} cannot run; the running configuration is kept", options.configFile());
            EventLog.emitWarning("config.reloaded", outcome(false, next), null);
            return;
        }
        LoadResult previous = current.replace(next);
        for (ConfigReloadListener listener : listeners.get()) {
            try {
                listener.configReloaded(previous, next);
            } catch (RuntimeException e) {
                LOG.error("{} failed to apply the reloaded configuration", listener.getClass().getSimpleName(), e);
            }
        }
        EventLog.emit("config.reloaded", outcome(true, next), "Reload complete"); // the text keepalived logs
    }

    private Map<String, Object> outcome(boolean ok, LoadResult loaded) {
        return Map.of("file", options.configFile().toString(), "ok", ok, "diagnostics", loaded.diagnostics().size());
    }
}
