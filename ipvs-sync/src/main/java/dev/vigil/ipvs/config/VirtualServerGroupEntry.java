package dev.vigil.ipvs.config;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.ServiceKey;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a {@code virtual_server_group}: an address, an address range or prefix with a port, or a fwmark.
 * IPVS has no ranges, so a range expands to one service per address (keepalived does the same without nftables).
 *
 * @param first  first address of the range (null for a fwmark entry)
 * @param last   last address of the range, equal to {@code first} for a single address
 * @param port   virtual port
 * @param fwmark firewall mark (0 for an address entry)
 * @param family address family of a fwmark entry (inet unless "inet6" was given)
 */
public record VirtualServerGroupEntry(InetAddress first, InetAddress last, int port, int fwmark, int family) {
    /** Expansion limit: a larger range is almost certainly a typo and would flood the kernel table. */
    public static final int MAX_EXPANSION = 65536;

    public VirtualServerGroupEntry {
        if (fwmark == 0) {
            if (first == null || last == null || ServiceKey.familyOf(first) != ServiceKey.familyOf(last)) {
                throw new IllegalArgumentException("a group range needs two addresses of the same family");
            }
            if (toNumber(first).compareTo(toNumber(last)) > 0) {
                throw new IllegalArgumentException("range end " + Addresses.text(last) + " is before its start "
                        + Addresses.text(first));
            }
            family = ServiceKey.familyOf(first);
        }
    }

    public static VirtualServerGroupEntry fwmark(int mark, int family) {
        return new VirtualServerGroupEntry(null, null, 0, mark, family);
    }

    /**
     * Parses keepalived's address forms: {@code 10.0.0.1}, {@code 10.0.0.1-10} (last octet range),
     * {@code 2001:db8::1-1f} (last 16-bit group range, hexadecimal) and {@code 10.0.0.0/29} (every address of the
     * prefix).
     */
    public static VirtualServerGroupEntry parse(String text, int port) {
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash > 0) {
            InetAddress base = Addresses.parse(s.substring(0, slash));
            int bits = base.getAddress().length * 8;
            int prefix = Integer.parseInt(s.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            BigInteger net = toNumber(base).andNot(hostMask);
            return new VirtualServerGroupEntry(fromNumber(net, bits), fromNumber(net.or(hostMask), bits), port, 0, 0);
        }
        int dash = s.lastIndexOf('-');
        if (dash > 0) {
            InetAddress start = Addresses.parse(s.substring(0, dash));
            String endText = s.substring(dash + 1);
            byte[] end = start.getAddress();
            if (end.length == 4) {
                int v = Integer.parseInt(endText);
                if (v > 255) {
                    throw new IllegalArgumentException("range end out of range in " + text);
                }
                end[3] = (byte) v;
            } else {
                int v = Integer.parseInt(endText, 16);
                if (v > 0xffff) {
                    throw new IllegalArgumentException("range end out of range in " + text);
                }
                end[14] = (byte) (v >> 8);
                end[15] = (byte) v;
            }
            return new VirtualServerGroupEntry(start, addressOf(end), port, 0, 0);
        }
        InetAddress a = Addresses.parse(s);
        return new VirtualServerGroupEntry(a, a, port, 0, 0);
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    /** One service key per address (or the fwmark key). */
    public List<ServiceKey> expand(IpvsProtocol protocol) {
        if (isFwmark()) {
            return List.of(ServiceKey.fwmark(family, fwmark));
        }
        BigInteger from = toNumber(first);
        BigInteger to = toNumber(last);
        BigInteger count = to.subtract(from).add(BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(MAX_EXPANSION)) > 0) {
            throw new IllegalArgumentException("group range " + this + " has " + count + " addresses; the limit is "
                    + MAX_EXPANSION);
        }
        int bits = first.getAddress().length * 8;
        List<ServiceKey> keys = new ArrayList<>(count.intValue());
        for (BigInteger n = from; n.compareTo(to) <= 0; n = n.add(BigInteger.ONE)) {
            keys.add(ServiceKey.of(protocol, fromNumber(n, bits), port));
        }
        return keys;
    }

    @Override
    public String toString() {
        if (isFwmark()) {
            return "FWM " + Integer.toUnsignedString(fwmark);
        }
        if (first.equals(last)) {
            return Addresses.text(first) + ":" + port;
        }
        return Addresses.text(first) + "-" + Addresses.text(last) + "," + port;
    }

    private static BigInteger toNumber(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static InetAddress fromNumber(BigInteger n, int bits) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[bits / 8];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return addressOf(out);
    }

    private static InetAddress addressOf(byte[] raw) {
        try {
            // Inet6Address keeps ::ffff:a.b.c.d an IPv6 address; InetAddress.getByAddress would turn it into IPv4
            return raw.length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
