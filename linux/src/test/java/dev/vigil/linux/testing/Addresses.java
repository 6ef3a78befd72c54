package dev.vigil.linux.testing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses written as tests write them. */
public final class Addresses {
    private Addresses() {
    }

    /** The IPv4 address in dotted-quad {@code text} (a literal: never a name lookup). */
    public static Inet4Address v4(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + text);
        }
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
