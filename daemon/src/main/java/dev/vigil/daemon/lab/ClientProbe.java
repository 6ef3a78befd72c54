package dev.vigil.daemon.lab;

import dev.vigil.linux.NetNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The lab's client: from inside its namespace, one HTTP request to the VIP every {@link #INTERVAL} (a new connection
 * each time, as a browser's new visitor would make), recording whether it was answered and by which machine (the
 * body of every lab web server is its own name).
 */
final class ClientProbe implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int CONNECT_TIMEOUT_MS = 250;
    private static final int READ_TIMEOUT_MS = 500;

    /**
     * One request: sent at {@code startNanos}, finished at {@code endNanos}; {@code detail} is the answering machine's
     * name when {@code ok}, else why it failed.
     */
    record Probe(long startNanos, long endNanos, boolean ok, String detail) {
    }

    private final NetNamespace namespace;
    private final String target;
    private final Consumer<Probe> listener;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    private ClientProbe(NetNamespace namespace, String target, Consumer<Probe> listener) {
        this.namespace = namespace;
        this.target = target;
        this.listener = listener;
        this.thread = new Thread(this::probeLoop, "lab-client");
        thread.setDaemon(true);
    }

    static ClientProbe start(LabHost client, String target, Consumer<Probe> listener) throws IOException {
        ClientProbe probe = new ClientProbe(NetNamespace.open(client.namespace()), target, listener);
        probe.thread.start();
        return probe;
    }

    List<Probe> probes() {
        return List.copyOf(probes);
    }

    private void probeLoop() {
        while (!closed) {
            Probe p = probeOnce();
            probes.add(p);
            listener.accept(p);
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Probe probeOnce() {
        long start = System.nanoTime();
        try (Socket socket = namespace.call(ClientProbe::socketHere)) {
            socket.connect(new InetSocketAddress(target, LabTopology.HTTP_PORT), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            long end = System.nanoTime();
            int body = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.") || body < 0) {
                return new Probe(start, end, false, "bad response");
            }
            return new Probe(start, end, true, response.substring(body + 4).strip());
        } catch (SocketTimeoutException e) {
            return new Probe(start, System.nanoTime(), false, "timed out");
        } catch (IOException e) {
            return new Probe(start, System.nanoTime(), false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * A TCP socket created in the calling thread's namespace: {@code new Socket()} alone creates its file descriptor
     * only at connect time (in whatever namespace that thread is in), so bind it to an ephemeral port here and now.
     */
    private static Socket socketHere() throws IOException {
        Socket s = new Socket();
        s.bind(null);
        return s;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        namespace.close();
    }
}
