package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.ModelDump;
import dev.vigil.conf.settings.SettingsException;
import dev.vigil.conf.settings.SettingsLoader;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.daemon.status.StatusService;
import io.micronaut.context.BeanContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon run: settings, logging, keepalived.conf, privileges, pid files, the DI container, then signals until
 * SIGTERM/SIGINT. Always in the foreground ({@code -n} is implied). Returns keepalived's exit codes.
 */
public final class DaemonRun {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRun.class);

    private final ConfigReader reader;
    private DaemonOptions options; // narrowed by the start-up SelfCheck
    private final SignalSource signals;
    private final PrivilegeCheck privileges;
    private final SignalRouter router;
    private Consumer<BeanContext> contextStarted = context -> { };

    public DaemonRun(ConfigReader reader, DaemonOptions options, SignalSource signals, PrivilegeCheck privileges,
                     SignalRouter router) {
        this.reader = reader;
        this.options = options;
        this.signals = signals;
        this.privileges = privileges;
        this.router = router;
    }

    /** The real thing: POSIX signals, /proc privilege check. */
    public static DaemonRun posix(ConfigReader reader, DaemonOptions options) {
        return new DaemonRun(reader, options, SignalSource.POSIX, PrivilegeCheck.PROC_STATUS, new SignalRouter());
    }

    /** Test seam: {@code hook} gets the container once the subsystems have started (fault injection). */
    DaemonRun onContextStarted(Consumer<BeanContext> hook) {
        this.contextStarted = hook;
        return this;
    }

    public int run() {
        VigilSettings settings;
        try {
            settings = SettingsLoader.load(options.settingsFile());
        } catch (SettingsException e) {
            LOG.error("{}", e.getMessage());
            return ExitCodes.CONFIG;
        }
        DaemonLogging.configure(LogConfig.of(settings.logging(), options));
        LOG.info("Starting {}", VigilVersion.banner());
        LOG.info("Running on {}", VigilVersion.platform());
        LOG.info("Command line: {}", options.commandLine().stream()
                .map(a -> "'" + a + "'").collect(Collectors.joining(" ", "'vigil' ", "")).trim());

        Path file = options.configFile();
        if (!Files.exists(file)) {
            LOG.error("Config files missing '{}'.", file);
            return ExitCodes.NO_CONFIG;
        }
        SelfCheck selfCheck = SelfCheck.live(settings.checkers());
        LoadResult loaded = reader.load(file, selfCheck.loadOptions(options)); // checks interfaces too
        LOG.info("Configuration file {}", file);
        Diagnostics.log(loaded.diagnostics(), LOG);
        if (Diagnostics.cannotRun(loaded)) {
            LOG.error("{} cannot run (check it with: vigil -t -f {})", file, file);
            return ExitCodes.CONFIG;
        }
        if (options.dumpConf()) {
            LOG.info("Configuration:\n{}", ModelDump.json(loaded.config()));
        }
        List<String> missing = privileges.problems();
        if (!missing.isEmpty()) {
            missing.forEach(line -> LOG.error("{}", line));
            return ExitCodes.MISSING_PERMISSION;
        }
        SelfCheck.Outcome checked = selfCheck.run(loaded.config(), options); // IPVS
        if (checked.exitCode() != ExitCodes.OK) {
            return checked.exitCode();
        }
        options = checked.options(); // without the health checkers when the kernel has no IPVS

        try {
            return supervise(settings, new CurrentConfig(loaded), selfCheck);
        } catch (RuntimeException e) {
            VrrpService.VrrpStartException vrrp = vrrpFailure(e);
            if (vrrp == null) {
                throw e;
            }
            LOG.error("{}", vrrp.getMessage());
            return vrrp.exitCode();
        } finally {
            LOG.info("Stopped {}", VigilVersion.banner());
        }
    }

    /**
     * Signal handlers go in before the pid files are written (whoever reads a pid file may signal us at once) and stay
     * until the subsystems have stopped; the pid files go last, as keepalived's.
     */
    @SuppressWarnings("try") // `installed` is only closed, which restores the previous signal handlers
    private int supervise(VigilSettings settings, CurrentConfig current, SelfCheck selfCheck) {
        SystemdNotifier systemd = SystemdNotifier.fromEnvironment(); // sd_notify; a no-op outside systemd
        router.on(VigilSignal.HUP, systemd::reloading); // the first HUP handler (subsystems register in start)
        BeanContext context = DaemonContext.start(options, settings, current, router);
        contextStarted.accept(context);
        List<PidFile> pidFiles = new ArrayList<>();
        try (SignalSource.Installed installed = signals.install(router); MemoryRelease memory = new MemoryRelease()) {
            router.on(VigilSignal.HUP, new ConfigReload(reader, options, () -> selfCheck.loadOptions(options), current,
                    () -> context.getBeansOfType(ConfigReloadListener.class)));
            context.findBean(StatusService.class).ifPresent(s -> router.on(VigilSignal.HUP, s::reloadFinished));
            router.on(VigilSignal.HUP, systemd::ready); // the last HUP handler: the reload is done
            int code = ExitCodes.OK;
            try {
                for (Path p : pidFilePaths()) {
                    pidFiles.add(PidFile.write(p));
                }
                LOG.info("Startup complete");
                systemd.ready();
                memory.afterStartup();
                router.runUntilStop();
                code = context.getBean(Supervisor.class).exitCode(); // a subsystem that could not be kept running
                systemd.stopping();
                LOG.info("Stopping");
            } catch (PidFile.AlreadyRunningException e) {
                LOG.error("{}", e.getMessage());
                code = ExitCodes.FATAL;
            } catch (IOException e) {
                LOG.error("Cannot write pid file: {}", e.toString());
                code = ExitCodes.FATAL;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.info("Stopping");
            }
            boolean stopped = DaemonContext.stop(context, settings.timers().shutdownGrace());
            return stopped ? code : ExitCodes.FATAL;
        } finally {
            removeAll(pidFiles);
        }
    }

    /** The VRRP start failure behind a container start failure, or null. */
    private static VrrpService.VrrpStartException vrrpFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VrrpService.VrrpStartException v) {
                return v;
            }
        }
        return null;
    }

    private List<Path> pidFilePaths() {
        List<Path> paths = new ArrayList<>(List.of(options.pidFile()));
        if (options.runsVrrp()) {
            options.vrrpPidFile().ifPresent(paths::add);
        }
        if (options.runsCheckers()) {
            options.checkersPidFile().ifPresent(paths::add);
        }
        return paths;
    }

    private static void removeAll(List<PidFile> pidFiles) {
        for (PidFile p : pidFiles) {
            try {
                p.remove();
            } catch (IOException e) {
                LOG.warn("Cannot remove pid file {}: {}", p.path(), e.toString());
            }
        }
    }
}
