package dev.vigil.daemon.lvs;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.VirtualServerAddress;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VirtualServerGroupEntry;
import dev.vigil.healthchecker.Endpoint;
import dev.vigil.ipvs.config.KeepalivedIpvsConfig;
import dev.vigil.ipvs.config.RealServerSpec;
import dev.vigil.ipvs.config.VirtualServerSpec;
import dev.vigil.ipvs.config.VirtualServerState;
import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.reconcile.StopPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What is announced when servers leave IPVS with their configuration, as keepalived's ipwrapper.c does: at stop
 * ({@code clear_services()}) and at reload ({@code clear_diff_services()}). Decided from the IPVS side's states
 * before the table changes; carried out through {@link CheckerNotifier}. Called on the IPVS thread only.
 */
final class ServerRetirement {
    private final CheckerNotifier notifier;

    ServerRetirement(CheckerNotifier notifier) {
        this.notifier = notifier;
    }

    /**
     * Stop: unless {@code -I}, a {@code Shutting down service X from VS Y} line per real server (not with
     * {@code lvs_flush_on_stop}, which drops them in one go) and, for virtual servers with {@code omega}, each live
     * real server's down notifiers and {@code => Shutting down <=} mail, then the virtual server's. Returns the
     * launched scripts.
     */
    List<CompletableFuture<Void>> atShutdown(List<ConfiguredVirtualServer> servers,
                                             Function<String, VirtualServerState> states, StopPolicy policy) {
        List<CompletableFuture<Void>> launched = new ArrayList<>();
        if (policy == StopPolicy.DONT_RELEASE) {
            return launched; // -I: keepalived skips clear_services() altogether
        }
        for (ConfiguredVirtualServer vs : servers) {
            VirtualServerState state = states.apply(vs.specName());
            if (policy == StopPolicy.REMOVE) {
                Set<DestKey> inTable = tableKeys(state);
                for (RealServerSpec rs : state.spec().realServers()) {
                    Endpoint endpoint = vs.endpoint(rs);
                    notifier.log("Shutting down " + (inhibited(state, rs) ? "(inhibited) " : "") + "service "
                            + endpoint + " from VS " + state.spec().name());
                    if (vs.conf().omega() && state.alive(rs.key()) && inTable.contains(rs.key())) {
                        launched.add(notifier.realServerRemoved(vs.key(), endpoint,
                                notifier.realServer(vs.key(), endpoint), true));
                    }
                }
            }
            if (vs.conf().omega()) {
                launched.add(notifier.virtualServerShutdown(vs.conf(), 0));
            }
        }
        return launched;
    }

    /**
     * Reload from {@code servers} (the running configuration) to {@code next}: group entries that went are logged
     * at once ({@code VS [..] in group G no longer exists}); the rest is returned as actions to run once the table
     * was reloaded: each real server that leaves the table gets {@code Removing service X from VS Y} and, when it was
     * alive, its notify_down, FIFO line and {@code => Removing <=} mail; a removed virtual server that had quorum
     * loses it (quorum_down, FIFO line, {@code Lost quorum} mail).
     */
    List<Runnable> atReload(List<ConfiguredVirtualServer> servers, Function<String, VirtualServerState> states,
                            KeepalivedConfig config, KeepalivedIpvsConfig next) {
        Map<String, VirtualServerSpec> nextSpecs = new HashMap<>();
        next.virtualServers().forEach(spec -> nextSpecs.put(spec.name(), spec));
        List<Runnable> actions = new ArrayList<>();
        for (ConfiguredVirtualServer vs : servers) {
            VirtualServerState state = states.apply(vs.specName());
            VirtualServerSpec kept = nextSpecs.get(vs.specName());
            if (kept != null && vs.conf().address() instanceof VirtualServerAddress.Group g) {
                logDroppedGroupEntries(vs, g.name(), config);
            }
            Set<DestKey> stays = new HashSet<>();
            if (kept != null) {
                kept.realServers().forEach(rs -> stays.add(rs.key()));
            }
            Set<DestKey> inTable = tableKeys(state);
            for (RealServerSpec rs : state.spec().realServers()) {
                if (stays.contains(rs.key()) || !inTable.contains(rs.key())) {
                    continue;
                }
                Endpoint endpoint = vs.endpoint(rs);
                String line = "Removing " + (inhibited(state, rs) ? "(inhibited) " : "") + "service " + endpoint
                        + " from VS " + state.spec().name();
                RealServer conf = notifier.realServer(vs.key(), endpoint);
                boolean alive = state.alive(rs.key());
                actions.add(() -> {
                    notifier.log(line);
                    if (alive) {
                        notifier.realServerRemoved(vs.key(), endpoint, conf, false);
                    }
                });
            }
            if (kept == null && state.quorumUp()) {
                actions.add(() -> notifier.virtualServerRemoved(vs.conf()));
            }
        }
        return actions;
    }

    /** The destinations IPVS holds for a virtual server now. */
    static Set<DestKey> tableKeys(VirtualServerState state) {
        Set<DestKey> keys = new HashSet<>();
        state.desiredDests().forEach(d -> keys.add(d.key()));
        return keys;
    }

    /** keepalived's clear_diff_vsge() lines for the entries of group {@code name} the new configuration dropped. */
    private void logDroppedGroupEntries(ConfiguredVirtualServer vs, String name, KeepalivedConfig config) {
        List<VirtualServerGroupEntry> now = group(config, name);
        String protocol = vs.protocol().name().toLowerCase(Locale.ROOT);
        for (VirtualServerGroupEntry e : group(notifier.config(), name)) {
            if (now.contains(e)) {
                continue;
            }
            String entry = e.isFwmark() ? String.valueOf(e.fwmark())
                    : "[" + Addresses.text(e.first()) + "]:" + protocol + ":" + e.port()
                    + (e.first().equals(e.last()) ? "" : "-" + Addresses.text(e.last()));
            notifier.log("VS [" + entry + "] in group " + name + " no longer exists");
        }
    }

    private static List<VirtualServerGroupEntry> group(KeepalivedConfig config, String name) {
        return config.virtualServerGroups().stream().filter(g -> g.name().equals(name)).findFirst()
                .map(VirtualServerGroup::entries).orElse(List.of());
    }

    /** keepalived's "(inhibited) " prefix: a failed server kept with weight 0. */
    private static boolean inhibited(VirtualServerState state, RealServerSpec rs) {
        boolean inhibit = rs.inhibitOnFailure() != null ? rs.inhibitOnFailure() : state.spec().inhibitOnFailure();
        return inhibit && !state.alive(rs.key());
    }
}
