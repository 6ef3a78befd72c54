package dev.vigil.ipvs.netlink;

import java.io.IOException;

/**
 * The kernel refused an IPVS command. The message is keepalived's log text:
 * {@code IPVS cmd IP_VS_SO_SET_ADDDEST(1159) error: Destination already exists(17) ([10.0.0.1]:tcp:80 ->
 * [10.0.1.2]:80)}.
 */
public final class IpvsException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int command;
    private final int errno;

    public IpvsException(int command, int errno, String target, Throwable cause) {
        super("IPVS cmd " + IpvsErrors.legacyName(command) + "(" + IpvsErrors.legacyNumber(command) + ") error: "
                + IpvsErrors.describe(command, errno) + "(" + errno + ")" + (target == null ? "" : " (" + target + ")"),
                cause);
        this.command = command;
        this.errno = errno;
    }

    /** The IPVS_CMD_* that failed. */
    public int command() {
        return command;
    }

    /** Positive errno. */
    public int errno() {
        return errno;
    }
}
