package dev.vigil.notify;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * keepalived's textual names for virtual and real servers ({@code FMT_VS}/{@code FMT_RS}), used verbatim in alert
 * subjects and FIFO lines: {@code [10.0.0.1]:tcp:80}, {@code FWM 5}, {@code [groupname]:80}.
 */
public final class LvsNames {
    private LvsNames() {
    }

    /** {@code [ip]:proto:port}; proto is {@code tcp}, {@code udp}, {@code sctp} (or {@code none}). */
    public static String service(InetAddress address, String protocol, int port) {
        return "[" + addressText(address) + "]:" + protocol + ":" + port;
    }

    /** A fwmark virtual server: {@code FWM 5}. */
    public static String fwmark(long mark) {
        return "FWM " + mark;
    }

    /** A virtual server defined by a virtual_server_group: {@code [name]:port}. */
    public static String group(String groupName, int port) {
        return "[" + groupName + "]:" + port;
    }

    private static String addressText(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int scope = text.indexOf('%');
            if (scope >= 0) {
                text = text.substring(0, scope);
            }
            // inet_ntop prints the compressed form; Java prints the full one.
            text = compressIpv6(text);
        }
        return text;
    }

    private static String compressIpv6(String full) {
        String[] groups = full.split(":");
        StringBuilder normal = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            normal.append(i == 0 ? "" : ":").append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && Integer.parseInt(groups[j], 16) == 0) {
                j++;
            }
            if (j - i > bestLength && j - i > 1) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return normal.toString();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bestStart; i++) {
            out.append(i == 0 ? "" : ":").append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
        }
        out.append("::");
        for (int i = bestStart + bestLength; i < groups.length; i++) {
            out.append(i == bestStart + bestLength ? "" : ":").append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
        }
        return out.toString();
    }
}
