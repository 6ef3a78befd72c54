package dev.vigil.linux.rtnl;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A route as keepalived's {@code virtual_routes} describe it: {@code [src S] DST/PLEN [via GW] [dev IF]
 * [scope SC] [table T] [metric M] [blackhole|unreachable|prohibit]}.
 *
 * @param destination network address; with prefixLength 0 the default route
 * @param gateway null for a directly connected route
 * @param ifindex output interface, 0 for none
 * @param preferredSource RTA_PREFSRC, null for none
 * @param scope RT_SCOPE_*, or -1 to let {@link RouteCodec} choose as {@code ip route} does (link scope for a
 *     unicast route without gateway, universe otherwise)
 * @param table routing table id (254 main); ids above 255 are sent in RTA_TABLE
 * @param metric RTA_PRIORITY, -1 for none
 * @param protocol rtm_protocol (RTPROT_*); keepalived installs with RTPROT_KEEPALIVED
 */
public record Route(RouteType type, InetAddress destination, int prefixLength, InetAddress gateway, int ifindex,
                    InetAddress preferredSource, int scope, int table, int metric, int protocol) {

    public Route {
        if (type == null || destination == null) {
            throw new IllegalArgumentException("route needs a type and a destination");
        }
        int max = destination instanceof Inet6Address ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range for " + destination);
        }
        if (type != RouteType.UNICAST && (gateway != null || ifindex != 0)) {
            throw new IllegalArgumentException(type.name().toLowerCase() + " route takes no gateway or device");
        }
    }

    /** A unicast route in the main table, default scope, no metric, protocol keepalived. */
    public static Route unicast(InetAddress destination, int prefixLength, InetAddress gateway, int ifindex) {
        return new Route(RouteType.UNICAST, destination, prefixLength, gateway, ifindex, null, -1,
                Rtnl.RT_TABLE_MAIN, -1, Rtnl.RTPROT_KEEPALIVED);
    }

    /** A blackhole (or unreachable/prohibit) route in the main table. */
    public static Route reject(RouteType type, InetAddress destination, int prefixLength) {
        return new Route(type, destination, prefixLength, null, 0, null, -1, Rtnl.RT_TABLE_MAIN, -1,
                Rtnl.RTPROT_KEEPALIVED);
    }

    public Route withTable(int newTable) {
        return new Route(type, destination, prefixLength, gateway, ifindex, preferredSource, scope, newTable, metric,
                protocol);
    }

    public Route withMetric(int newMetric) {
        return new Route(type, destination, prefixLength, gateway, ifindex, preferredSource, scope, table, newMetric,
                protocol);
    }

    public Route withScope(int newScope) {
        return new Route(type, destination, prefixLength, gateway, ifindex, preferredSource, newScope, table, metric,
                protocol);
    }

    public Route withPreferredSource(InetAddress source) {
        return new Route(type, destination, prefixLength, gateway, ifindex, source, scope, table, metric, protocol);
    }

    /** The scope sent to the kernel when {@link #scope} is -1, following {@code ip route add}. */
    public int effectiveScope() {
        if (scope >= 0) {
            return scope;
        }
        return type == RouteType.UNICAST && gateway == null ? Rtnl.RT_SCOPE_LINK : Rtnl.RT_SCOPE_UNIVERSE;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != RouteType.UNICAST) {
            sb.append(type.name().toLowerCase()).append(' ');
        }
        sb.append(destination.getHostAddress()).append('/').append(prefixLength);
        if (gateway != null) {
            sb.append(" via ").append(gateway.getHostAddress());
        }
        if (ifindex != 0) {
            sb.append(" ifindex ").append(ifindex);
        }
        if (preferredSource != null) {
            sb.append(" src ").append(preferredSource.getHostAddress());
        }
        sb.append(" table ").append(table);
        if (metric >= 0) {
            sb.append(" metric ").append(metric);
        }
        return sb.toString();
    }
}
