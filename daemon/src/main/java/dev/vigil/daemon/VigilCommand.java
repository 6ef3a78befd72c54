package dev.vigil.daemon;

import dev.vigil.conf.settings.SyslogFacility;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil [OPTIONS]}: keepalived's command line. Runs the daemon in the foreground, or with {@code -t} checks
 * the configuration, or with {@code --signum} prints a signal number.
 */
@Command(name = "vigil", sortOptions = false, exitCodeOnInvalidInput = ExitCodes.FATAL,
        versionProvider = VigilVersion.Provider.class, usageHelpWidth = 100,
        description = "keepalived-compatible VRRP and LVS director daemon. Reads keepalived.conf; runs in the foreground.",
        footer = {"", "Exit codes: 0 ok; with -t: 4 cannot run, 5 errors but would run, 6 script security;",
            "otherwise 1 fatal, 2 configuration, 4 missing privileges, 6 no configuration file."})
public final class VigilCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE",
            description = "Use the specified configuration file (default: ${DEFAULT-VALUE}).")
    Path configFile = DaemonOptions.DEFAULT_CONFIG_FILE;

    @Option(names = {"-P", "--vrrp"}, description = "Only run the VRRP subsystem.")
    boolean vrrpOnly;

    @Option(names = {"-C", "--check"}, description = "Only run the health-checker (LVS) subsystem.")
    boolean checkerOnly;

    @Option(names = {"-l", "--log-console"}, description = "Log messages to the console (stderr).")
    boolean logConsole;

    @Option(names = {"-D", "--log-detail"}, description = "Detailed log messages.")
    boolean logDetail;

    @Option(names = {"-S", "--log-facility"}, paramLabel = "FACILITY",
            description = "Syslog facility: 0-7, local0-local7, user or daemon (default).")
    String logFacility;

    @Option(names = {"-G", "--no-syslog"}, description = "Don't log via syslog.")
    boolean noSyslog;

    @Option(names = {"-X", "--release-vips"}, description = "Drop VIPs on a transition caused by a signal.")
    boolean releaseVips;

    @Option(names = {"-V", "--dont-release-vrrp"}, description = "Don't remove VRRP VIPs and routes on stop.")
    boolean dontReleaseVrrp;

    @Option(names = {"-I", "--dont-release-ipvs"}, description = "Don't remove the IPVS topology on stop.")
    boolean dontReleaseIpvs;

    @Option(names = {"-R", "--dont-respawn"}, description = "Don't restart a failed subsystem; exit instead.")
    boolean dontRespawn;

    @Option(names = {"-n", "--dont-fork"}, description = "Accepted for compatibility: Vigil always stays in the foreground.")
    boolean dontFork;

    @Option(names = {"-d", "--dump-conf"}, description = "Dump the parsed configuration (to the log; with -t to stdout).")
    boolean dumpConf;

    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Pid file (default: ${DEFAULT-VALUE}).")
    Path pidFile = DaemonOptions.DEFAULT_PID_FILE;

    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = "Also write the pid to FILE (VRRP).")
    Path vrrpPidFile;

    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE",
            description = "Also write the pid to FILE (checkers).")
    Path checkersPidFile;

    @Option(names = {"-B", "--no_bfd"}, description = "Accepted for compatibility: Vigil has no BFD subsystem.")
    boolean noBfd;

    @Option(names = "--all", description = "Accepted for compatibility: start every subsystem.")
    boolean all;

    @Option(names = {"-x", "--snmp"}, description = "Accepted for compatibility; SNMP is not supported (warns).")
    boolean snmp;

    @Option(names = {"-e", "--all-config"}, description = "Error if any configuration file is missing.")
    boolean allConfig;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID",
            description = "Keep only '@ID' lines for this id (default: short host name).")
    String configId;

    @Option(names = "--signum", paramLabel = "SIGFUNC",
            description = "Print the signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON.")
    String signum;

    @Option(names = {"-t", "--config-test"}, arity = "0..1", paramLabel = "LOGFILE", fallbackValue = STDERR,
            description = "Check the configuration and exit; diagnostics to stderr or LOGFILE.")
    String configTest;

    @Option(names = "--log-format", paramLabel = "text|json", description = "Log line format (overrides the settings).")
    LogFormat logFormat;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Vigil's HOCON settings (default: /etc/vigil/vigil.conf when present).")
    Path settingsFile;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Display the version and exit.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help and exit.")
    boolean help;

    /** -t without a LOGFILE. */
    private static final String STDERR = "<stderr>";

    private final ConfigReader reader;
    private final BiFunction<ConfigReader, DaemonOptions, Integer> daemon;

    /**
     * @param daemon starts a daemon run (tests substitute it; {@link Main} uses {@link DaemonRun#posix})
     */
    public VigilCommand(ConfigReader reader, BiFunction<ConfigReader, DaemonOptions, Integer> daemon) {
        this.reader = reader;
        this.daemon = daemon;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (signum != null) {
            return printSignum(out, err);
        }
        if (snmp) {
            err.println("SNMP is not supported by Vigil; ignoring -x/--snmp");
        }
        if (logFacility != null && SyslogFacility.parse(logFacility).isEmpty()) {
            err.println("Invalid log facility '" + logFacility + "'"); // keepalived's message; it carries on too
        }
        err.flush();
        DaemonOptions options = options();
        if (configTestRequested()) {
            return new ConfigTest(reader, out, err).run(options.configFile(), options.loadOptions().withHostInterfaces(),
                    configTestLogFile(), dumpConf, options.settingsFile());
        }
        return daemon.apply(reader, options);
    }

    private int printSignum(PrintWriter out, PrintWriter err) {
        Optional<SignalFunction> function = SignalFunction.byName(signum);
        if (function.isEmpty()) {
            err.println("Unknown sigfunc " + signum);
            err.flush();
            return ExitCodes.FATAL;
        }
        out.println(function.get().number());
        out.flush();
        return ExitCodes.OK;
    }

    /** The parsed options as an immutable record. */
    public DaemonOptions options() {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        return new DaemonOptions(configFile, vrrpOnly, checkerOnly, logConsole, logDetail,
                Optional.ofNullable(logFacility).flatMap(SyslogFacility::parse), noSyslog,
                Optional.ofNullable(logFormat), Optional.ofNullable(settingsFile), pidFile,
                Optional.ofNullable(vrrpPidFile), Optional.ofNullable(checkersPidFile), dumpConf, configId,
                dontReleaseIpvs, dontReleaseVrrp, releaseVips, dontRespawn, allConfig, args);
    }

    /** True when {@code -t} was given (with or without a log file). */
    boolean configTestRequested() {
        return configTest != null;
    }

    /** The {@code -t} log file, if one was named. */
    Optional<Path> configTestLogFile() {
        return configTest == null || STDERR.equals(configTest) ? Optional.empty() : Optional.of(Path.of(configTest));
    }
}
