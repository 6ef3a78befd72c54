package dev.vigil.ipvs.model;

import java.util.Objects;

/**
 * Encapsulation of a TUN destination (IPVS_DEST_ATTR_TUN_*; keepalived's {@code lvs_method TUN type ipip|gue|gre
 * [port N] [nocsum|csum|remcsum]}).
 *
 * @param type  IP-in-IP (the default), GUE (needs a UDP port) or GRE
 * @param port  GUE destination port, 0 otherwise
 * @param flags checksum handling: {@link #NOCSUM}, {@link #CSUM} or {@link #REMCSUM}
 */
public record Tunnel(Type type, int port, int flags) {
    public static final int NOCSUM = 0;
    public static final int CSUM = 1;
    public static final int REMCSUM = 2;
    /** Plain IP-in-IP, what a TUN destination gets unless configured otherwise. */
    public static final Tunnel IPIP = new Tunnel(Type.IPIP, 0, NOCSUM);

    /** IP_VS_CONN_F_TUNNEL_TYPE_*. */
    public enum Type {
        IPIP(0), GUE(1), GRE(2);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Type fromCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown IPVS tunnel type " + code);
        }
    }

    public Tunnel {
        Objects.requireNonNull(type, "type");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("tunnel port out of range: " + port);
        }
        if (type == Type.GUE && port == 0) {
            throw new IllegalArgumentException("a GUE tunnel needs a port");
        }
        if (type != Type.GUE && port != 0) {
            throw new IllegalArgumentException("only a GUE tunnel has a port");
        }
        if (flags < NOCSUM || flags > REMCSUM || type == Type.IPIP && flags != NOCSUM) {
            throw new IllegalArgumentException("bad tunnel checksum flags " + flags + " for " + type);
        }
    }
}
