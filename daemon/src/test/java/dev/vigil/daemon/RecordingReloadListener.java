package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.settings.VigilSettings;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A subsystem-like bean: proves the run's objects are injectable and reloads reach {@code @Singleton} listeners. */
@Singleton
public final class RecordingReloadListener implements ConfigReloadListener {
    static final List<LoadResult> RELOADS = new CopyOnWriteArrayList<>();
    static final List<RecordingReloadListener> CREATED = new CopyOnWriteArrayList<>();

    final DaemonOptions options;
    final VigilSettings settings;
    final CurrentConfig current;
    final SignalRouter router;

    public RecordingReloadListener(DaemonOptions options, VigilSettings settings, CurrentConfig current,
                                   SignalRouter router) {
        this.options = options;
        this.settings = settings;
        this.current = current;
        this.router = router;
        CREATED.add(this);
    }

    @Override
    public void configReloaded(LoadResult previous, LoadResult next) {
        RELOADS.add(next);
    }
}
