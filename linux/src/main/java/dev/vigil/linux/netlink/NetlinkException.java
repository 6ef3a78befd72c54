package dev.vigil.linux.netlink;

import dev.vigil.linux.ErrnoException;

/**
 * The kernel refused a netlink request (NLMSG_ERROR with a negative error), or the socket failed.
 * {@link #errno()} is the positive errno; the message includes its name and the kernel's extended-ACK text
 * when it sent one.
 */
public class NetlinkException extends ErrnoException {
    private static final long serialVersionUID = 1L;
    private final String kernelMessage;

    public NetlinkException(int errno, String message) {
        this(errno, message, null);
    }

    public NetlinkException(int errno, String message, String kernelMessage) {
        super(errno, message, kernelMessage == null ? null : "kernel: " + kernelMessage);
        this.kernelMessage = kernelMessage;
    }

    /** A socket-level failure (send, receive, bind) on a netlink socket. */
    public NetlinkException(ErrnoException socketFailure) {
        super(socketFailure);
        this.kernelMessage = null;
    }

    /** The kernel's extended-ACK explanation, or null. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
