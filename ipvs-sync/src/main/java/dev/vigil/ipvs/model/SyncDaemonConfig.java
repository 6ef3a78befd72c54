package dev.vigil.ipvs.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One kernel connection-sync daemon (IPVS_CMD_NEW_DAEMON attributes; keepalived's {@code lvs_sync_daemon}).
 *
 * @param state        MASTER sends connection updates, BACKUP receives them
 * @param mcastIfn     interface the multicast goes out of / comes in on (at most 15 characters)
 * @param syncId       sync id (0..255); keepalived defaults it to the VRID of the bound instance
 * @param maxLen       maximum sync message length, 0 = kernel default
 * @param group        multicast group, null = kernel default 224.0.0.81
 * @param port         UDP port, 0 = kernel default 8848
 * @param ttl          multicast TTL, 0 = kernel default 1
 */
public record SyncDaemonConfig(State state, String mcastIfn, int syncId, int maxLen, InetAddress group, int port,
                               int ttl) {
    /** IP_VS_STATE_*. */
    public enum State {
        MASTER(1), BACKUP(2);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static State fromCode(int code) {
            if ((code & 1) != 0) {
                return MASTER;
            }
            if ((code & 2) != 0) {
                return BACKUP;
            }
            throw new IllegalArgumentException("unknown sync daemon state " + code);
        }

        public String lowerName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SyncDaemonConfig {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(mcastIfn, "mcastIfn");
        if (mcastIfn.isEmpty() || mcastIfn.length() > 15) {
            throw new IllegalArgumentException("interface name must be 1..15 characters: " + mcastIfn);
        }
        if (syncId < 0 || syncId > 255) {
            throw new IllegalArgumentException("syncid must be 0..255: " + syncId);
        }
        if (maxLen < 0 || maxLen > 65535 || port < 0 || port > 65535 || ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("maxlen/port/ttl out of range");
        }
    }

    public SyncDaemonConfig withState(State s) {
        return new SyncDaemonConfig(s, mcastIfn, syncId, maxLen, group, port, ttl);
    }
}
