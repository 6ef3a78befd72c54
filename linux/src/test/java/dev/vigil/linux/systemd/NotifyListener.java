package dev.vigil.linux.systemd;

import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.LibC;
import dev.vigil.linux.NativeSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A bound AF_UNIX datagram socket standing in for systemd's notification socket. */
final class NotifyListener implements AutoCloseable {
    private final NativeSocket socket;
    final String name;

    NotifyListener(String name) throws ErrnoException {
        this.name = name;
        this.socket = NativeSocket.open(LibC.AF_UNIX, LibC.SOCK_DGRAM, 0, "test notify listener", 4096);
        socket.bind(NotifySocketAddress.parse(name).sockaddr());
    }

    /** The next datagram as text, or null if none arrives within 10 s. */
    String next() throws ErrnoException {
        ByteBuffer b = socket.receive(TimeUnit.SECONDS.toNanos(10), null);
        if (b == null) {
            return null;
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A datagram already queued, or null. */
    String poll() throws ErrnoException {
        ByteBuffer b = socket.receive(0, null);
        return b == null ? null : StandardCharsets.UTF_8.decode(b).toString();
    }

    @Override
    public void close() {
        socket.close();
    }
}
