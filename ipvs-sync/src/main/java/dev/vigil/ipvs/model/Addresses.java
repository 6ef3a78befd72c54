package dev.vigil.ipvs.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address helpers shared by the model, codec and formatter: canonical text and the kernel's 16-byte form. */
public final class Addresses {
    private Addresses() {
    }

    /** Canonical text: dotted quad, or RFC 5952 compressed IPv6 (as inet_ntop prints it). */
    public static String text(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        return compressIpv6(address.getAddress());
    }

    /** The kernel's union nf_inet_addr: 16 bytes, IPv4 in the first four. */
    public static byte[] toNfInetAddr(InetAddress address) {
        byte[] out = new byte[16];
        byte[] raw = address.getAddress();
        System.arraycopy(raw, 0, out, 0, raw.length);
        return out;
    }

    /** Reads a union nf_inet_addr (4 or 16 meaningful bytes) for the given family. */
    public static InetAddress fromNfInetAddr(byte[] bytes, int family) {
        try {
            if (family == ServiceKey.AF_INET6) {
                byte[] a = new byte[16];
                System.arraycopy(bytes, 0, a, 0, Math.min(16, bytes.length));
                return Inet6Address.getByAddress(null, a, -1);
            }
            byte[] a = new byte[4];
            System.arraycopy(bytes, 0, a, 0, Math.min(4, bytes.length));
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address bytes", e);
        }
    }

    /** Parses a numeric IPv4 or IPv6 literal without any name lookup. */
    public static InetAddress parse(String literal) {
        String s = literal.trim();
        if (!s.matches("[0-9a-fA-F:.]+") || (!s.contains(":") && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    private static String compressIpv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLen) {
                if (i == bestStart) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestStart == 0 && (bestLen == 6 || bestLen == 5 && g[5] == 0xffff)) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.')
                        .append(a[14] & 0xff).append('.').append(a[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(g[i]));
        }
        if (bestStart >= 0 && bestStart + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
