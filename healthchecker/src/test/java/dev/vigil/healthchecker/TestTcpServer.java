package dev.vigil.healthchecker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ServerSocketFactory;

/** A loopback TCP server for tests: each connection is handed to {@code handler} on its own thread. */
final class TestTcpServer implements AutoCloseable {

    interface Handler {
        void handle(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<byte[]> requests = new CopyOnWriteArrayList<>();

    TestTcpServer(Handler handler) throws IOException {
        this(ServerSocketFactory.getDefault(), handler);
    }

    TestTcpServer(ServerSocketFactory factory, Handler handler) throws IOException {
        server = factory.createServerSocket(0, 200, InetAddress.getLoopbackAddress());
        pool.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    pool.execute(() -> {
                        try (s) {
                            handler.handle(s);
                        } catch (IOException | RuntimeException e) {
                            // client went away
                        } finally {
                            sockets.remove(s);
                        }
                    });
                } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                    return; // closed, possibly between accept() and the hand-over (Awaitility would report it)
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** Reads an HTTP request up to the blank line and records its bytes. */
    byte[] readRequest(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            buf.write(c);
            byte[] b = buf.toByteArray();
            int n = b.length;
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                break;
            }
        }
        requests.add(buf.toByteArray());
        return buf.toByteArray();
    }

    static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Serves a fixed HTTP response to each request, then closes. */
    static TestTcpServer http(String response) throws IOException {
        TestTcpServer[] self = new TestTcpServer[1];
        self[0] = new TestTcpServer(s -> {
            self[0].readRequest(s);
            write(s, response);
        });
        return self[0];
    }

    static String response(int status, String body) {
        return "HTTP/1.0 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    /** A port with nothing listening (connection refused). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        pool.shutdownNow();
    }
}
