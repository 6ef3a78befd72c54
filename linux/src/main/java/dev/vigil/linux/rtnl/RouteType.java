package dev.vigil.linux.rtnl;

/** {@code rtm_type} values (RTN_*); the ordinal is the kernel's number. */
public enum RouteType {
    UNSPEC, UNICAST, LOCAL, BROADCAST, ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE;

    public int code() {
        return ordinal();
    }

    public static RouteType of(int code) {
        RouteType[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("unknown route type " + code);
        }
        return all[code];
    }
}
