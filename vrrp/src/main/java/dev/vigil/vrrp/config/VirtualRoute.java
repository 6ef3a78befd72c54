package dev.vigil.vrrp.config;

import dev.vigil.linux.rtnl.Route;

/** A {@code virtual_routes} line resolved to a kernel route (device names already turned into ifindexes). */
public record VirtualRoute(Route route, String text) {
    @Override
    public String toString() {
        return text;
    }
}
