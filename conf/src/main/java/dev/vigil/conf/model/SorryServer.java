package dev.vigil.conf.model;

import java.net.InetAddress;

/** sorry_server IP [PORT]; forwarding method null = the virtual server's. */
public record SorryServer(InetAddress address, int port, ForwardingMethod method, boolean inhibit) {
}
