package dev.vigil.conf.model;

import java.net.InetAddress;

/** What a virtual_server names: {@code IP PORT}, {@code fwmark N} or {@code group NAME}. */
public sealed interface VirtualServerAddress {
    record IpPort(InetAddress address, int port) implements VirtualServerAddress {
        @Override
        public String toString() {
            return "[" + Addresses.format(address) + "]:" + port;
        }
    }

    record Fwmark(long mark, String family) implements VirtualServerAddress {
        @Override
        public String toString() {
            return "FWM " + mark;
        }
    }

    record Group(String name) implements VirtualServerAddress {
        @Override
        public String toString() {
            return "group " + name;
        }
    }
}
