package dev.vigil.vrrp.config;

import java.util.List;
import java.util.Optional;

/**
 * Everything the VRRP runtime runs, mapped from keepalived.conf by {@link InstanceSpecs}.
 *
 * @param scripts              only the {@code vrrp_script}s some instance tracks
 * @param enableScriptSecurity global {@code enable_script_security}
 */
public record VrrpConfig(List<InstanceConfig> instances, List<TrackScriptConfig> scripts,
                         List<SyncGroupConfig> syncGroups, boolean enableScriptSecurity) {
    public VrrpConfig {
        instances = List.copyOf(instances);
        scripts = List.copyOf(scripts);
        syncGroups = List.copyOf(syncGroups);
    }

    public Optional<InstanceConfig> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return instances.isEmpty();
    }
}
