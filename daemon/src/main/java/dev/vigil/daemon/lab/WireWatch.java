package dev.vigil.daemon.lab;

import dev.vigil.linux.socket.PacketSocket;
import dev.vigil.vrrp.codec.AdvertDecoder;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.VrrpWire;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the client's network card sees, for the failover timeline: every VRRP advertisement (sender, priority) and
 * every gratuitous ARP (the address it announces, the MAC it binds it to), stamped with this process's
 * {@link System#nanoTime} clock as they arrive. An {@code AF_PACKET} socket opened inside the client's namespace;
 * no tcpdump needed.
 */
final class WireWatch implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    /** A VRRP advertisement seen on the wire. */
    record Advert(long atNanos, String source, int priority) {
    }

    /** A gratuitous ARP: an ARP request whose sender and target address are both {@code ip}. */
    record Garp(long atNanos, String ip, String mac) {
    }

    /** Hears of each advert and gratuitous ARP, on the capture thread. */
    interface Listener {
        void advert(Advert advert);

        void garp(Garp garp);
    }

    private final PacketSocket socket;
    private final Listener listener;
    private final List<Advert> adverts = new CopyOnWriteArrayList<>();
    private final List<Garp> garps = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    private WireWatch(PacketSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
        this.thread = new Thread(this::captureLoop, "lab-wire");
        thread.setDaemon(true);
    }

    static WireWatch start(LabHost host, Listener listener) throws IOException {
        PacketSocket socket = NamespaceSockets.open(host, () -> PacketSocket.open(PacketSocket.ETH_P_ALL));
        WireWatch watch = new WireWatch(socket, listener);
        watch.thread.start();
        return watch;
    }

    List<Advert> adverts() {
        return List.copyOf(adverts);
    }

    List<Garp> garps() {
        return List.copyOf(garps);
    }

    private void captureLoop() {
        while (!closed) {
            try {
                PacketSocket.Frame frame = socket.receive(POLL);
                if (frame != null) {
                    long at = System.nanoTime();
                    ByteBuffer buf = frame.frame();
                    byte[] bytes = new byte[buf.remaining()];
                    buf.get(bytes);
                    classify(at, bytes);
                }
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("lab: packet capture stopped: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void classify(long at, byte[] f) throws UnknownHostException {
        if (f.length < VrrpWire.ETH_HEADER_LENGTH) {
            return;
        }
        int ethertype = u16(f, VrrpWire.ETH_TYPE);
        if (ethertype == VrrpWire.ETH_P_IP && f.length > VrrpWire.ETH_HEADER_LENGTH + VrrpWire.IP_PROTOCOL
                && (f[VrrpWire.ETH_HEADER_LENGTH + VrrpWire.IP_PROTOCOL] & 0xff) == VrrpWire.IPPROTO_VRRP) {
            DecodeResult r = AdvertDecoder.decode(f, VrrpWire.ETH_HEADER_LENGTH, f.length - VrrpWire.ETH_HEADER_LENGTH);
            if (r instanceof DecodeResult.Decoded d) {
                Advert a = new Advert(at, d.packet().ip().source().getHostAddress(), d.packet().advert().priority());
                adverts.add(a);
                listener.advert(a);
            }
        } else if (ethertype == VrrpWire.ETH_P_ARP && f.length >= VrrpWire.GARP_FRAME_LENGTH
                && u16(f, VrrpWire.ARP_OPER) == VrrpWire.ARPOP_REQUEST
                && u32(f, VrrpWire.ARP_SPA) == u32(f, VrrpWire.ARP_TPA)) {
            byte[] ip = new byte[4];
            System.arraycopy(f, VrrpWire.ARP_SPA, ip, 0, 4);
            String mac = HexFormat.ofDelimiter(":").formatHex(f, VrrpWire.ARP_SHA, VrrpWire.ARP_SHA + VrrpWire.MAC_LENGTH);
            Garp g = new Garp(at, InetAddress.getByAddress(ip).getHostAddress(), mac);
            garps.add(g);
            listener.garp(g);
        }
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    private static int u32(byte[] b, int off) {
        return u16(b, off) << 16 | u16(b, off + 2);
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(POLL.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
