package dev.vigil.ipvs.netlink;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hand-written byte layouts for codec tests: hex digits, whitespace ignored, '#' comments to the end of the line. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String annotated) {
        StringBuilder digits = new StringBuilder();
        for (String line : annotated.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(digits.toString());
    }

    static String of(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return format(out);
    }

    /** Groups of four bytes, one netlink word per group, for readable diffs. */
    static String format(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(i % 4 == 0 ? (i % 16 == 0 ? "\n" : "  ") : " ");
            }
            sb.append(String.format("%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }

    static ByteBuffer buffer(String annotated) {
        return ByteBuffer.wrap(bytes(annotated)).order(java.nio.ByteOrder.nativeOrder());
    }
}
