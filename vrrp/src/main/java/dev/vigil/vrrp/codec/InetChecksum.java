package dev.vigil.vrrp.codec;

/** The Internet checksum (RFC 1071) used by both the IPv4 header and the VRRPv2 message. */
public final class InetChecksum {
    private InetChecksum() {}

    /**
     * One's-complement of the one's-complement sum of {@code length} bytes. Computing it over data
     * that already contains a correct checksum yields 0.
     */
    public static int compute(byte[] data, int offset, int length) {
        long sum = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8; // odd trailing byte padded with zero
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
