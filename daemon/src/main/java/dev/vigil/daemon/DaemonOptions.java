package dev.vigil.daemon;

import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.settings.SyslogFacility;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the command line asked of a daemon run (keepalived's options plus Vigil's). Registered as a bean, so
 * subsystems read the flags that concern them (for example {@link #dontReleaseVrrp()}).
 *
 * @param configFile      {@code -f}: keepalived.conf
 * @param vrrpOnly        {@code -P}: run only the VRRP subsystem
 * @param checkerOnly     {@code -C}: run only the health checkers (LVS)
 * @param logConsole      {@code -l}: log to the console as well
 * @param logDetail       {@code -D}: detailed logging
 * @param logFacility     {@code -S}: syslog facility
 * @param noSyslog        {@code -G}: never log to syslog
 * @param logFormat       {@code --log-format}, overriding the settings
 * @param settingsFile    {@code --settings}
 * @param pidFile         {@code -p}
 * @param vrrpPidFile     {@code -r}: also written (with this single process's pid) when given
 * @param checkersPidFile {@code -c}: likewise
 * @param dumpConf        {@code -d}: log the parsed configuration at start
 * @param configId        {@code -i}: id for {@code @id} lines (null = short host name)
 * @param dontReleaseIpvs {@code -I}: leave IPVS in place on stop
 * @param dontReleaseVrrp {@code -V}: leave VIPs and routes in place on stop
 * @param releaseVips     {@code -X}: drop VIPs on a signal-caused transition (reload)
 * @param dontRespawn     {@code -R}: exit rather than restart a failed subsystem
 * @param allConfig       {@code -e}: a missing include is an error
 * @param commandLine     the arguments as given, for the {@code Command line:} log line
 */
public record DaemonOptions(Path configFile, boolean vrrpOnly, boolean checkerOnly, boolean logConsole,
                            boolean logDetail, Optional<SyslogFacility> logFacility, boolean noSyslog,
                            Optional<LogFormat> logFormat, Optional<Path> settingsFile, Path pidFile,
                            Optional<Path> vrrpPidFile, Optional<Path> checkersPidFile, boolean dumpConf,
                            String configId, boolean dontReleaseIpvs, boolean dontReleaseVrrp, boolean releaseVips,
                            boolean dontRespawn, boolean allConfig, List<String> commandLine) {

    public static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/keepalived/keepalived.conf");
    public static final Path DEFAULT_PID_FILE = Path.of("/run/vigil/vigil.pid");

    public DaemonOptions {
        commandLine = List.copyOf(commandLine);
    }

    /** How to read keepalived.conf. */
    public LoadOptions loadOptions() {
        return new LoadOptions(configId, allConfig);
    }

    /** VRRP runs unless only the checkers were asked for ({@code -C} without {@code -P}). */
    public boolean runsVrrp() {
        return vrrpOnly || !checkerOnly;
    }

    /** The checkers run unless only VRRP was asked for ({@code -P} without {@code -C}). */
    public boolean runsCheckers() {
        return checkerOnly || !vrrpOnly;
    }
}
