package dev.vigil.conf.model;

import java.util.List;

/** The whole parsed keepalived.conf (immutable), with parameters, includes and keepalived's defaults applied. */
public record KeepalivedConfig(GlobalDefs globalDefs, List<VrrpScript> vrrpScripts, List<TrackFile> trackFiles,
        List<TrackProcess> trackProcesses, List<VrrpSyncGroup> vrrpSyncGroups, List<VrrpInstance> vrrpInstances,
        List<GarpGroup> garpGroups, List<IpAddressEntry> staticIpAddresses, List<RouteEntry> staticRoutes,
        List<RouteEntry> staticRules, SslConfig ssl, List<VirtualServerGroup> virtualServerGroups,
        List<VirtualServer> virtualServers) {

    public KeepalivedConfig {
        vrrpScripts = List.copyOf(vrrpScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        vrrpSyncGroups = List.copyOf(vrrpSyncGroups);
        vrrpInstances = List.copyOf(vrrpInstances);
        garpGroups = List.copyOf(garpGroups);
        staticIpAddresses = List.copyOf(staticIpAddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
    }

    /** An empty configuration: default global_defs, nothing else. */
    public static KeepalivedConfig empty() {
        return new KeepalivedConfig(Defaults.globalDefs(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of());
    }

    public java.util.Optional<VrrpInstance> vrrpInstance(String name) {
        return vrrpInstances.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
