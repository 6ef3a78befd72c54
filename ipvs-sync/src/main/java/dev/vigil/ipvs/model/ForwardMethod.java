package dev.vigil.ipvs.model;

/** IPVS packet-forwarding method (IP_VS_CONN_F_FWD_MASK values) with the name ipvsadm prints. */
public enum ForwardMethod {
    NAT(0, "Masq"), LOCAL(1, "Local"), TUN(2, "Tunnel"), DR(3, "Route"), BYPASS(4, "Bypass");

    /** The kernel's IP_VS_CONN_F_FWD_MASK. */
    public static final int MASK = 0x7;

    private final int code;
    private final String ipvsadmName;

    ForwardMethod(int code, String ipvsadmName) {
        this.code = code;
        this.ipvsadmName = ipvsadmName;
    }

    public int code() {
        return code;
    }

    public String ipvsadmName() {
        return ipvsadmName;
    }

    /** Decodes the forwarding bits of a connection-flags word. */
    public static ForwardMethod fromCode(int connFlags) {
        int code = connFlags & MASK;
        for (ForwardMethod m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown IPVS forwarding method " + code);
    }
}
