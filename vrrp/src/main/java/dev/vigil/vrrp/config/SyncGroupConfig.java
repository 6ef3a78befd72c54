package dev.vigil.vrrp.config;

import java.util.List;

/** A {@code vrrp_sync_group}: member instance names in configuration order. */
public record SyncGroupConfig(String name, List<String> members, boolean trackingWeight) {
    public SyncGroupConfig {
        members = List.copyOf(members);
    }
}
