package dev.vigil.conf.sections;

import dev.vigil.conf.model.ForwardingMethod;
import dev.vigil.conf.model.Tunnel;
import dev.vigil.conf.parse.Node;
import java.util.Set;

/**
 * A forwarding method ({@code lb_kind}, {@code lvs_method}, {@code sorry_server_lvs_method}) and, for TUN, its
 * tunnel.
 */
record Forwarding(ForwardingMethod method, Tunnel tunnel) {
    /**
     * {@code NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]} (check_parser.c
     * {@code forwarding_handler()}): the method is kept even when the tunnel options are wrong, as in keepalived.
     *
     * @param serverType "virtual", "real" or "sorry", for the messages
     * @return null after reporting a missing or unknown method
     */
    static Forwarding read(Node n, String serverType, Ctx ctx) {
        String s = ctx.values().word(n, 0);
        if (s == null) {
            return null;
        }
        ForwardingMethod m = switch (s) {
            case "NAT" -> ForwardingMethod.NAT;
            case "DR" -> ForwardingMethod.DR;
            case "TUN" -> ForwardingMethod.TUN;
            default -> null;
        };
        if (m == null) {
            ctx.reporter().error(n.arg(0), "PARSER : unknown [" + s + "] routing method for " + serverType
                    + " server. (expected NAT, DR or TUN)");
            return null;
        }
        Forwarding plain = new Forwarding(m, m == ForwardingMethod.TUN ? Tunnel.IPIP : null);
        String type = "ipip";
        int port = 0;
        String csum = "nocsum";
        for (int i = 1; i < n.argCount(); i++) {
            String opt = n.argText(i);
            switch (opt) {
                case "type" -> {
                    String t = n.argText(i + 1);
                    if (t == null) {
                        ctx.reporter().error(n.arg(i), "Missing tunnel type for " + serverType + " server.");
                        return plain;
                    }
                    if (!Set.of("ipip", "gue", "gre").contains(t)) {
                        ctx.reporter().error(n.arg(i + 1), "Unknown tunnel type " + t + " for " + serverType
                                + " server.");
                        return plain;
                    }
                    type = t;
                    i++;
                }
                case "port" -> {
                    if (n.arg(i + 1) == null) {
                        ctx.reporter().error(n.arg(i), "Missing port for " + serverType + " server gue tunnel.");
                        return plain;
                    }
                    int p = -1;
                    try {
                        p = Integer.parseInt(n.argText(i + 1));
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                    if (p < 1 || p > 65535) {
                        ctx.reporter().error(n.arg(i + 1), "Invalid gue tunnel port " + n.argText(i + 1) + " for "
                                + serverType + " server.");
                        return plain;
                    }
                    port = p;
                    i++;
                }
                case "nocsum", "csum", "remcsum" -> csum = opt;
                default -> {
                    ctx.reporter().error(n.arg(i), "Invalid tunnel option " + opt + " for " + serverType + " server.");
                    return plain;
                }
            }
        }
        if (type.equals("gue") != (port != 0)) {
            ctx.reporter().error(n.arg(0), "gue tunnels require port, otherwise cannot have port.");
            return plain;
        }
        if (type.equals("ipip") && !csum.equals("nocsum")) {
            ctx.reporter().error(n.arg(0), "ipip tunnels do not support checksum option.");
            return plain;
        }
        if (type.equals("gre") && csum.equals("remcsum")) {
            ctx.reporter().error(n.arg(0), "gre tunnels do not support remote checksum option.");
            return plain;
        }
        return m == ForwardingMethod.TUN ? new Forwarding(m, new Tunnel(type, port, csum)) : plain;
    }
}
