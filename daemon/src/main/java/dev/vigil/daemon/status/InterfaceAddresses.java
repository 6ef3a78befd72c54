package dev.vigil.daemon.status;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collection;
import java.util.Collections;

/** This host's interface addresses, for the dump's {@code Using src_ip} line (keepalived's primary address). */
final class InterfaceAddresses {
    private InterfaceAddresses() {
    }

    /** The first IPv4 address of {@code ifname} that is not one of {@code vips}; null when none or no such interface. */
    static String primaryIpv4(String ifname, Collection<String> vips) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(ifname);
            if (nif == null) {
                return null;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !vips.contains(a.getHostAddress())) {
                    return a.getHostAddress();
                }
            }
            return null;
        } catch (SocketException e) {
            return null;
        }
    }
}
