package dev.vigil.healthchecker.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The DNS_CHECK wire format (check/check_dns.c): a one-question query with RD set, and the header fields a reply is
 * judged by. Byte layouts live here only.
 */
public final class DnsMessages {

    /** The query types keepalived accepts. */
    public static final Map<String, Integer> TYPES = Map.of("A", 1, "NS", 2, "CNAME", 5, "SOA", 6, "MX", 15,
            "TXT", 16, "AAAA", 28);

    static final int HEADER_LENGTH = 12;
    private static final int FLAG_QR = 0x8000;
    private static final int FLAG_RD = 0x0100;
    private static final int RCODE_MASK = 0x000f;

    private DnsMessages() {
    }

    public static int typeCode(String type) {
        Integer code = TYPES.get(type.toUpperCase(Locale.ROOT));
        if (code == null) {
            throw new IllegalArgumentException("unknown DNS_CHECK type " + type);
        }
        return code;
    }

    /** A query for {@code name} (dotted; "." is the root) of {@code type}, class IN. */
    public static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put16(out, id);
        put16(out, FLAG_RD);
        put16(out, 1);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        if (!name.equals(".")) {
            for (String label : name.split("\\.")) {
                if (label.isEmpty()) {
                    continue;
                }
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                if (b.length > 63) {
                    throw new IllegalArgumentException("DNS label longer than 63 bytes: " + label);
                }
                out.write(b.length);
                out.write(b, 0, b.length);
            }
        }
        out.write(0);
        put16(out, type);
        put16(out, 1);
        return out.toByteArray();
    }

    /** How a datagram answers query {@code id}. */
    public enum Verdict { NOT_OURS, SUCCESS, ERROR }

    /** keepalived ignores short datagrams, other ids and non-responses; any RCODE but 0 is an error. */
    public static Verdict judge(byte[] reply, int id) {
        if (reply.length < HEADER_LENGTH) {
            return Verdict.NOT_OURS;
        }
        int replyId = ((reply[0] & 0xff) << 8) | (reply[1] & 0xff);
        int flags = ((reply[2] & 0xff) << 8) | (reply[3] & 0xff);
        if (replyId != id || (flags & FLAG_QR) == 0) {
            return Verdict.NOT_OURS;
        }
        return (flags & RCODE_MASK) == 0 ? Verdict.SUCCESS : Verdict.ERROR;
    }

    public static int rcode(byte[] reply) {
        return reply[3] & RCODE_MASK;
    }

    private static void put16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xff);
        out.write(v & 0xff);
    }
}
