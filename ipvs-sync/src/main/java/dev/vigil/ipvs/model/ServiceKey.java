package dev.vigil.ipvs.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Identity of an IPVS virtual service: either (protocol, address, port) or a firewall mark within an address family.
 *
 * @param family   address family, {@link #AF_INET} or {@link #AF_INET6}
 * @param protocol transport protocol, null for a fwmark service
 * @param address  virtual address, null for a fwmark service
 * @param port     virtual port (0 = any port, as with persistence port-zero services; 0 for fwmark)
 * @param fwmark   firewall mark, 0 for an address service
 */
public record ServiceKey(int family, IpvsProtocol protocol, InetAddress address, int port, int fwmark) {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public ServiceKey {
        if (family != AF_INET && family != AF_INET6) {
            throw new IllegalArgumentException("address family must be 2 or 10: " + family);
        }
        if (fwmark == 0) {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (familyOf(address) != family) {
                throw new IllegalArgumentException("address " + address.getHostAddress() + " is not in family "
                        + family);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        } else if (protocol != null || address != null || port != 0) {
            throw new IllegalArgumentException("a fwmark service has no protocol, address or port");
        }
    }

    public static ServiceKey of(IpvsProtocol protocol, InetAddress address, int port) {
        return new ServiceKey(familyOf(address), protocol, address, port, 0);
    }

    public static ServiceKey fwmark(int family, int mark) {
        if (mark == 0) {
            throw new IllegalArgumentException("fwmark must not be 0");
        }
        return new ServiceKey(family, null, null, 0, mark);
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    public static int familyOf(InetAddress address) {
        return address instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    /** keepalived's FMT_VS text: "[10.0.0.1]:tcp:80" or "FWM 7". */
    @Override
    public String toString() {
        if (isFwmark()) {
            return "FWM " + Integer.toUnsignedString(fwmark);
        }
        return "[" + Addresses.text(address) + "]:" + protocol.keepalivedName() + ":" + port;
    }
}
