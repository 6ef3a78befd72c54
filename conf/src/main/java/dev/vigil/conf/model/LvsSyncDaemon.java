package dev.vigil.conf.model;

import java.net.InetAddress;

/** global_defs lvs_sync_daemon: interface, VRRP instance it follows (may be null), sync id and transport. */
public record LvsSyncDaemon(String interfaceName, String vrrpInstance, int syncId, int maxLen, int port, int ttl,
        InetAddress group) {
}
