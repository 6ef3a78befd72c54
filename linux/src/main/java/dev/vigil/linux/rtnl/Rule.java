package dev.vigil.linux.rtnl;

import dev.vigil.linux.LibC;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A policy-routing rule as keepalived's {@code virtual_rules} describe it ({@code ip rule add [not] from A/L
 * to B/L [fwmark M[/MASK]] [iif IF] [oif IF] [priority P] table T | blackhole | unreachable | prohibit}).
 *
 * @param family LibC.AF_INET or AF_INET6
 * @param from source prefix, null for "all"
 * @param to destination prefix, null for "all"
 * @param priority rule preference, -1 to let the kernel choose
 * @param fwmark firewall mark, -1 for none; fwmask -1 for none (kernel default 0xffffffff)
 * @param iif / oif interface names, null for none
 * @param table table for TO_TBL, else 0
 * @param protocol originator (RTPROT_*), keepalived installs with RTPROT_KEEPALIVED
 */
public record Rule(int family, RuleAction action, InetAddress from, int fromLength, InetAddress to, int toLength,
                   long fwmark, long fwmask, String iif, String oif, int priority, int table, boolean invert,
                   int protocol) {

    public Rule {
        checkPrefix(from, fromLength);
        checkPrefix(to, toLength);
        if (action == RuleAction.TO_TBL && table <= 0) {
            throw new IllegalArgumentException("a lookup rule needs a table");
        }
    }

    private static void checkPrefix(InetAddress a, int length) {
        int max = a instanceof Inet6Address ? 128 : 32;
        if (a != null && (length < 0 || length > max)) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + a);
        }
    }

    /** {@code ip rule add table T} for IPv4, no selector yet, protocol keepalived. */
    public static Rule lookup(int table) {
        return new Rule(LibC.AF_INET, RuleAction.TO_TBL, null, 0, null, 0, -1, -1, null, null, -1, table, false,
                Rtnl.RTPROT_KEEPALIVED);
    }

    public Rule withFrom(InetAddress address, int length) {
        return new Rule(family(address), action, address, length, to, toLength, fwmark, fwmask, iif, oif, priority,
                table, invert, protocol);
    }

    public Rule withTo(InetAddress address, int length) {
        return new Rule(family(address), action, from, fromLength, address, length, fwmark, fwmask, iif, oif,
                priority, table, invert, protocol);
    }

    public Rule withFwmark(long mark, long mask) {
        return new Rule(family, action, from, fromLength, to, toLength, mark, mask, iif, oif, priority, table, invert,
                protocol);
    }

    public Rule withInterfaces(String inInterface, String outInterface) {
        return new Rule(family, action, from, fromLength, to, toLength, fwmark, fwmask, inInterface, outInterface,
                priority, table, invert, protocol);
    }

    public Rule withPriority(int newPriority) {
        return new Rule(family, action, from, fromLength, to, toLength, fwmark, fwmask, iif, oif, newPriority, table,
                invert, protocol);
    }

    /** A reject rule (BLACKHOLE, UNREACHABLE, PROHIBIT) instead of a lookup. */
    public Rule withAction(RuleAction newAction) {
        return new Rule(family, newAction, from, fromLength, to, toLength, fwmark, fwmask, iif, oif, priority,
                newAction == RuleAction.TO_TBL ? table : 0, invert, protocol);
    }

    public Rule inverted(boolean not) {
        return new Rule(family, action, from, fromLength, to, toLength, fwmark, fwmask, iif, oif, priority, table,
                not, protocol);
    }

    private static int family(InetAddress a) {
        return a instanceof Inet6Address ? LibC.AF_INET6 : LibC.AF_INET;
    }
}
