package dev.vigil.linux.rtnl;

/** RFC 2863 operational state as reported in IFLA_OPERSTATE ({@code IF_OPER_*}). */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    /** The state for a kernel value; out-of-range values map to UNKNOWN. */
    public static OperState of(int value) {
        OperState[] all = values();
        return value >= 0 && value < all.length ? all[value] : UNKNOWN;
    }
}
