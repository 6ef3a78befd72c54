package dev.vigil.daemon;

import dev.vigil.conf.model.IpAddressEntry;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.LvsSyncDaemon;
import dev.vigil.conf.model.RouteEntry;
import dev.vigil.conf.model.TrackRef;
import dev.vigil.conf.model.VrrpInstance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up check of the configuration against this host, so a director that cannot work says why in one line per
 * problem instead of failing later deep inside a subsystem:
 * <ul>
 *   <li>an interface the VRRP side names (instance {@code interface}, {@code track_interface}, the {@code dev} of a
 *       virtual or static address or route, {@code lvs_sync_daemon}) that does not exist: exit 2 (CONFIG), as keepalived 2.2.7's
 *       "Non-existent interface specified in configuration";</li>
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

    /** Runs the checks, logging one line per problem. */
    Outcome run(KeepalivedConfig config, DaemonOptions options) {
        if (options.runsVrrp()) {
            List<String> missing = missingInterfaces(config);
            if (!missing.isEmpty()) {
                missing.forEach(line -> LOG.error("{}", line));
                LOG.error("Non-existent interface specified in configuration");
                return new Outcome(ExitCodes.CONFIG, options);
            }
        }
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

    /** One line per interface the VRRP side names that this namespace lacks; empty if the lookup fails (logged). */
    private List<String> missingInterfaces(KeepalivedConfig config) {
        Set<String> present;
        try {
            present = probe.interfaceNames();
        } catch (IOException e) {
            LOG.warn("Cannot list network interfaces, not checking them: {}", e.getMessage());
            return List.of();
        }
        return missingInterfaces(config, present);
    }

    static List<String> missingInterfaces(KeepalivedConfig config, Set<String> present) {
        List<String> out = new ArrayList<>();
        for (VrrpInstance vi : config.vrrpInstances()) {
            String in = " in vrrp_instance " + vi.name();
            check(present, vi.interfaceName(), "interface %s of vrrp_instance " + vi.name(), out);
            for (TrackRef t : vi.trackInterfaces()) {
                check(present, t.name(), "track_interface %s of vrrp_instance " + vi.name(), out);
            }
            addresses(present, vi.virtualIpAddresses(), "virtual_ipaddress", in, out);
            addresses(present, vi.virtualIpAddressesExcluded(), "virtual_ipaddress_excluded", in, out);
            routes(present, vi.virtualRoutes(), "virtual_routes", in, out);
        }
        addresses(present, config.staticIpAddresses(), "static_ipaddress", "", out);
        routes(present, config.staticRoutes(), "static_routes", "", out);
        LvsSyncDaemon sync = config.globalDefs().lvsSyncDaemon();
        if (sync != null) {
            check(present, sync.interfaceName(), "interface %s of lvs_sync_daemon", out);
        }
        return out;
    }

    private static void addresses(Set<String> present, List<IpAddressEntry> entries, String block, String in,
                                  List<String> out) {
        for (IpAddressEntry e : entries) {
            check(present, e.device(), "interface %s of " + block + " " + e.cidr() + in, out);
        }
    }

    private static void routes(Set<String> present, List<RouteEntry> entries, String block, String in,
                               List<String> out) {
        for (RouteEntry r : entries) {
            check(present, r.device(), "interface %s of " + block + " " + r.destination() + in, out);
        }
    }

    /** Adds "{@code what} does not exist" (with the name in place of %s) when {@code name} is set and absent. */
    private static void check(Set<String> present, String name, String what, List<String> out) {
        if (name != null && !present.contains(name)) {
            out.add(what.formatted(name) + " does not exist");
        }
    }

    /** The same run with only the VRRP side ({@code -P}). */
    private static DaemonOptions withoutCheckers(DaemonOptions o) {
        return new DaemonOptions(o.configFile(), true, false, o.logConsole(), o.logDetail(), o.logFacility(),
                o.noSyslog(), o.logFormat(), o.settingsFile(), o.pidFile(), o.vrrpPidFile(), o.checkersPidFile(),
                o.dumpConf(), o.configId(), o.dontReleaseIpvs(), o.dontReleaseVrrp(), o.releaseVips(),
                o.dontRespawn(), o.allConfig(), o.commandLine());
    }
}
