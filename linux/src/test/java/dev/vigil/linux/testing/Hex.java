package dev.vigil.linux.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** Hex helpers so byte-level tests read like the C structs they check. */
public final class Hex {
    private Hex() {
    }

    /** Decodes hex, ignoring spaces, newlines and '|' separators. */
    public static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex)).order(ByteOrder.nativeOrder());
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    /** The buffer's remaining bytes as lowercase hex (position not moved). */
    public static String of(ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.duplicate().get(b);
        return HexFormat.of().formatHex(b);
    }
}
