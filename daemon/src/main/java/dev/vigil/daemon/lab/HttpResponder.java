package dev.vigil.daemon.lab;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A lab machine's web server: answers every HTTP request on port 80 of every address of its namespace with its own
 * name as the body, so the client's probes show which machine answered (the JDK's built-in HTTP server).
 */
final class HttpResponder implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private HttpResponder(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static HttpResponder start(LabHost host, String name) throws IOException {
        HttpServer server = NamespaceSockets.open(host,
                () -> HttpServer.create(new InetSocketAddress(LabTopology.HTTP_PORT), 50));
        byte[] body = (name + "\n").getBytes(StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lab-http-" + name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new HttpResponder(server, executor);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
