package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(MetricsServer s, String method, String path)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + s.address().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesMetricsOnLoopback() throws Exception {
        try (MetricsServer s = MetricsServer.start("127.0.0.1", 0, Snapshots::sample)) {
            assertTrue(s.address().getAddress().isLoopbackAddress());
            HttpResponse<String> r = send(s, "GET", "/metrics");
            assertEquals(200, r.statusCode());
            assertEquals(PrometheusText.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(PrometheusText.render(Snapshots.sample()), r.body());
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        try (MetricsServer s = MetricsServer.start("127.0.0.1", 0, Snapshots::sample)) {
            assertEquals(404, send(s, "GET", "/").statusCode());
            assertEquals(404, send(s, "GET", "/metricsx").statusCode());
            HttpResponse<String> post = send(s, "POST", "/metrics");
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        }
    }

    @Test
    void aFailingSnapshotIsAServerErrorAndTheServerRunsOn() throws Exception {
        boolean[] fail = {true};
        try (MetricsServer s = MetricsServer.start("127.0.0.1", 0, () -> {
            if (fail[0]) {
                throw new IllegalStateException("boom");
            }
            return Snapshots.sample();
        })) {
            assertEquals(500, send(s, "GET", "/metrics").statusCode());
            fail[0] = false;
            assertEquals(200, send(s, "GET", "/metrics").statusCode());
        }
    }
}
