package dev.vigil.vrrp.codec;

import java.util.HexFormat;

/** Hex helpers for byte-exact tests; whitespace in literals is ignored. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
