package dev.vigil.conf.model;

import java.util.List;

/** A virtual_server_group, used as {@code virtual_server group NAME}. */
public record VirtualServerGroup(String name, List<VirtualServerGroupEntry> entries) {
    public VirtualServerGroup {
        entries = List.copyOf(entries);
    }
}
