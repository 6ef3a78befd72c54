package dev.vigil.conf.model;

import java.net.InetAddress;
import java.util.List;

/**
 * One line of virtual_routes / static_routes / virtual_rules / static_rules (ip-route(8) syntax). The destination,
 * gateway, device and table are parsed; {@code words} keeps the whole line for options not modelled.
 */
public record RouteEntry(String type, Cidr destination, InetAddress source, InetAddress via, String device,
        String table, boolean noTrack, List<String> words) {
    public RouteEntry {
        words = List.copyOf(words);
    }
}
