package dev.vigil.linux.rtnl;

/** macvlan modes ({@code MACVLAN_MODE_*} in if_link.h); keepalived's VMACs use PRIVATE. */
public enum MacvlanMode {
    PRIVATE(1), VEPA(2), BRIDGE(4), PASSTHRU(8), SOURCE(16);

    private final int code;

    MacvlanMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
