package dev.vigil.vrrp.runtime;

import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.socket.RawIpSocket;
import dev.vigil.vrrp.instance.AdvertFactory;
import dev.vigil.vrrp.instance.VridDispatcher;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The VRRP sockets of one interface: a receiver joined to 224.0.0.18 (unicast adverts to our address arrive there
 * too) whose datagrams a {@link VridDispatcher} routes by VRID, and an IP_HDRINCL sender.
 */
final class InterfaceChannel implements AutoCloseable {
    private final InterfaceInfo info;
    private final RawIpSocket receiver;
    private final RawIpSocket sender;
    private final VridDispatcher dispatcher;

    /**
     * Room for about a second of a 1,000-packet/s flood (each queued datagram costs about 1 KB of buffer): when the
     * VRRP thread is held up for a moment (a JVM safepoint on a busy host), packets wait instead of being dropped
     * uncounted. The kernel default (rmem_default, 208 KB) holds about 200.
     */
    static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    private InterfaceChannel(InterfaceInfo info, RawIpSocket receiver, RawIpSocket sender, VridDispatcher dispatcher) {
        this.info = info;
        this.receiver = receiver;
        this.sender = sender;
        this.dispatcher = dispatcher;
    }

    static InterfaceChannel open(InterfaceInfo info, boolean logUnknownVrids) throws ErrnoException {
        RawIpSocket rx = RawIpSocket.openVrrpReceiver(info.name(), info.index());
        try {
            rx.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            RawIpSocket tx = RawIpSocket.openVrrpSender(info.name(), info.index(), info.primaryIpv4());
            return new InterfaceChannel(info, rx, tx, new VridDispatcher(info.name(), logUnknownVrids));
        } catch (ErrnoException e) {
            rx.close();
            throw e;
        }
    }

    InterfaceInfo info() {
        return info;
    }

    String name() {
        return info.name();
    }

    int receiveFd() {
        return receiver.fd();
    }

    VridDispatcher dispatcher() {
        return dispatcher;
    }

    /** A datagram already queued, or null. */
    RawIpSocket.Datagram tryReceive() throws ErrnoException {
        return receiver.tryReceive();
    }

    void send(List<AdvertFactory.Outbound> datagrams) throws ErrnoException {
        for (AdvertFactory.Outbound o : datagrams) {
            sender.send(ByteBuffer.wrap(o.datagram()), o.destination());
        }
    }

    @Override
    public void close() {
        receiver.close();
        sender.close();
    }
}
