package dev.vigil.ipvs.netlink;

import java.io.IOException;

/** The kernel has no IPVS (the "IPVS" generic-netlink family is absent and loading ip_vs did not help). */
public final class IpvsUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public IpvsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
