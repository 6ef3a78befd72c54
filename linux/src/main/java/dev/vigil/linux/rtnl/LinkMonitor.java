package dev.vigil.linux.rtnl;

import dev.vigil.linux.Errno;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.socket.Poller;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to rtnetlink link (and optionally IPv4 address) notifications of the namespace it was opened in.
 *
 * <p>Two ways to consume: register {@link #fd()} with the caller's own {@link Poller} and call {@link #drain()}
 * when it is readable, or {@link #start} a dedicated thread that hands every event to a listener.
 */
public final class LinkMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);

    private final NetlinkSocket socket;
    private Thread thread;
    private Poller poller;
    private volatile boolean stopping;

    private LinkMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Subscribes to RTMGRP_LINK, plus RTMGRP_IPV4_IFADDR when {@code ipv4Addresses}. */
    public static LinkMonitor open(boolean ipv4Addresses) throws NetlinkException {
        int groups = Rtnl.RTMGRP_LINK | (ipv4Addresses ? Rtnl.RTMGRP_IPV4_IFADDR : 0);
        return new LinkMonitor(NetlinkSocket.open(Netlink.NETLINK_ROUTE, groups));
    }

    public int fd() {
        return socket.fd();
    }

    /**
     * Every event already queued, without waiting. A malformed datagram is logged and skipped; a queue overflow
     * yields an {@link RtnlEvent.Overrun} so the caller re-reads interface state.
     */
    public List<RtnlEvent> drain() throws NetlinkException {
        List<RtnlEvent> out = new ArrayList<>();
        while (true) {
            ByteBuffer datagram;
            try {
                datagram = socket.receive(Duration.ZERO);
            } catch (NetlinkException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    throw e;
                }
                LOG.warn("Netlink: Receive buffer overrun on link monitor socket, re-reading interface state");
                out.add(new RtnlEvent.Overrun());
                continue;
            }
            if (datagram == null) {
                return out;
            }
            try {
                out.addAll(RtnlEventDecoder.decode(datagram));
            } catch (IllegalArgumentException e) {
                LOG.warn("Netlink: ignoring malformed rtnetlink notification: {}", e.getMessage());
            }
        }
    }

    /** Starts a daemon thread delivering events to {@code listener} until {@link #close()}. */
    public synchronized void start(Consumer<RtnlEvent> listener) throws IOException {
        if (thread != null) {
            throw new IllegalStateException("link monitor already started");
        }
        poller = new Poller();
        poller.register(socket.fd());
        thread = new Thread(() -> run(listener), "vigil-link-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Consumer<RtnlEvent> listener) {
        while (!stopping) {
            try {
                poller.poll(-1);
                if (stopping) {
                    return;
                }
                for (RtnlEvent e : drain()) {
                    try {
                        listener.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.error("link event listener failed on {}", e, ex);
                    }
                }
            } catch (IOException e) {
                if (!stopping) {
                    LOG.error("link monitor stopped: {}", e.getMessage());
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            stopping = true;
            t = thread;
        }
        if (t != null) {
            poller.wakeup();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller.close();
        }
        socket.close();
    }
}
