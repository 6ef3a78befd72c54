package dev.vigil.daemon;

import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.settings.VigilSettings;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up check of the configuration against this host, so a director that cannot work says why in one line per
 * problem instead of failing later deep inside a subsystem:
 * <ul>
 *   <li>interfaces: {@link #loadOptions} makes the configuration reader check every interface the VRRP side names
 *       against this namespace (rtnetlink). conf reports each missing one where it is named, with keepalived's
 *       words, then keepalived 2.2.7's "Non-existent interface specified in configuration", which makes the
 *       configuration unable to run: exit 2 (CONFIG) at start, a refused reload later;</li>
 *   <li>no IPVS in the kernel while the configuration has virtual servers: a warning, and the health checkers stay
 *       off while VRRP runs (keepalived exits instead). With {@code -C} nothing would be left: exit 1 (FATAL), as
 *       keepalived.</li>
 * </ul>
 * Capabilities are checked before, by {@link PrivilegeCheck}.
 */
final class SelfCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SelfCheck.class);
    static final String IPVS_MISSING = "IPVS is not available: load the ip_vs kernel module (modprobe ip_vs)";

    /**
     * @param exitCode {@link ExitCodes#OK} to go on
     * @param options  what to run: the given options, or without the checkers when IPVS is missing
     */
    record Outcome(int exitCode, DaemonOptions options) {
    }

    private final SystemProbe probe;

    SelfCheck(SystemProbe probe) {
        this.probe = probe;
    }

    static SelfCheck live() {
        return new SelfCheck(SystemProbe.LIVE);
    }

    /**
     * The live check; with {@code vigil.checkers.ipvs = none} the checkers need no IPVS, so a kernel without it is no
     * reason to switch them off.
     */
    static SelfCheck live(VigilSettings.Checkers checkers) {
        if (checkers.ipvs() != VigilSettings.IpvsTarget.NONE) {
            return live();
        }
        return new SelfCheck(new SystemProbe() {
            @Override
            public Set<String> interfaceNames() throws IOException {
                return SystemProbe.LIVE.interfaceNames();
            }

            @Override
            public boolean ipvsAvailable() {
                return true;
            }
        });
    }

    /**
     * How to read keepalived.conf for this run: checking interface names against this namespace unless only the
     * checkers run ({@code -C}: the interfaces are the VRRP side's). A failed listing is logged and nothing checked.
     */
    LoadOptions loadOptions(DaemonOptions options) {
        LoadOptions plain = options.loadOptions();
        if (!options.runsVrrp()) {
            return plain;
        }
        Set<String> present;
        try {
            present = probe.interfaceNames();
        } catch (IOException e) {
            LOG.warn("Cannot list network interfaces, not checking them: {}", e.getMessage());
            return plain;
        }
        return new LoadOptions(plain.configId(), plain.allConfig(), present::contains);
    }

    /** Checks that IPVS is there when the checkers have work, logging one line per problem. */
    Outcome run(KeepalivedConfig config, DaemonOptions options) {
        if (options.runsCheckers() && !config.virtualServers().isEmpty() && !probe.ipvsAvailable()) {
            if (!options.runsVrrp()) {
                LOG.error("{}", IPVS_MISSING);
                return new Outcome(ExitCodes.FATAL, options);
            }
            LOG.warn("{}", IPVS_MISSING);
            LOG.warn("Health checkers disabled: {} virtual_server block(s) cannot be managed without IPVS; VRRP runs",
                    config.virtualServers().size());
            return new Outcome(ExitCodes.OK, withoutCheckers(options));
        }
        return new Outcome(ExitCodes.OK, options);
    }

    /** The same run with only the VRRP side ({@code -P}). */
    private static DaemonOptions withoutCheckers(DaemonOptions o) {
        return new DaemonOptions(o.configFile(), true, false, o.logConsole(), o.logDetail(), o.logFacility(),
                o.noSyslog(), o.logFormat(), o.settingsFile(), o.pidFile(), o.vrrpPidFile(), o.checkersPidFile(),
                o.dumpConf(), o.configId(), o.dontReleaseIpvs(), o.dontReleaseVrrp(), o.releaseVips(),
                o.dontRespawn(), o.allConfig(), o.commandLine());
    }
}
