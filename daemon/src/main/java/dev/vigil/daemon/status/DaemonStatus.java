package dev.vigil.daemon.status;

import dev.vigil.conf.LoadResult;
import dev.vigil.daemon.ConfigReloadListener;
import dev.vigil.daemon.VigilVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes {@link StatusSnapshot}s: the daemon's own facts (version, pid, start, config file, last reload and its
 * result) plus every {@link StatusSource}'s part. A source that throws is logged and left out, so status keeps
 * answering when one subsystem is broken.
 *
 * <p>Reload tracking: {@link #configReloaded} (a {@link ConfigReloadListener}) runs only for an applied reload;
 * {@link #reloadFinished()} runs after every SIGHUP, so a reload that saw no {@code configReloaded} was aborted.
 */
public final class DaemonStatus implements ConfigReloadListener {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonStatus.class);
    static final String RELOAD_APPLIED = "applied";
    static final String RELOAD_ABORTED = "aborted (running configuration kept)";

    private final Path configFile;
    private final List<StatusSource> sources;
    private final Clock clock;
    private final Instant started;
    private boolean appliedSinceLastHup;
    private volatile Instant lastReload;
    private volatile String lastReloadResult;

    public DaemonStatus(Path configFile, List<StatusSource> sources, Clock clock) {
        this.configFile = configFile;
        this.sources = List.copyOf(sources);
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public synchronized void configReloaded(LoadResult previous, LoadResult current) {
        appliedSinceLastHup = true;
    }

    /** Called on the supervisor thread after each SIGHUP has been handled. */
    public synchronized void reloadFinished() {
        lastReloadResult = appliedSinceLastHup ? RELOAD_APPLIED : RELOAD_ABORTED;
        lastReload = clock.instant();
        appliedSinceLastHup = false;
    }

    /** A fresh snapshot; any thread. */
    public StatusSnapshot snapshot() {
        List<StatusSnapshot.Part> parts = new ArrayList<>(sources.size());
        for (StatusSource s : sources) {
            try {
                parts.add(s.contribute());
            } catch (RuntimeException e) {
                LOG.warn("Status of {} unavailable: {}", s.getClass().getSimpleName(), e.toString());
            }
        }
        StatusSnapshot.Daemon daemon = new StatusSnapshot.Daemon(VigilVersion.current(),
                ProcessHandle.current().pid(), started, configFile.toString(), lastReload, lastReloadResult);
        return StatusSnapshot.of(daemon, parts);
    }
}
