package dev.vigil.vrrp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** VRRPv2 authentication types (RFC 2338 / keepalived {@code VRRP_AUTH_*}). */
public enum AuthType {
    NONE(0), PASS(1), AH(2);

    private final int code;

    AuthType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The 8 bytes placed in an advert for a configured {@code auth_pass}: first 8 characters, zero-padded. */
    public static byte[] passwordData(String authPass) {
        byte[] raw = authPass == null ? new byte[0] : authPass.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(raw, VrrpWire.AUTH_DATA_LENGTH);
    }
}
