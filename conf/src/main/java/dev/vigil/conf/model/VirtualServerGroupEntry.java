package dev.vigil.conf.model;

import java.net.InetAddress;

/**
 * One virtual_server_group line: an address (or range {@code first..last}, last == first for a single address)
 * with port, or an fwmark (address null).
 */
public record VirtualServerGroupEntry(InetAddress first, InetAddress last, int port, long fwmark, String family) {
    public boolean isFwmark() {
        return first == null;
    }
}
