package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.Severity;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status bean inside a real (in-process) daemon run: socket from the settings, reloads, metrics, cleanup. */
class StatusWiringTest {
    @TempDir
    Path dir;
    final SignalRouter router = new SignalRouter();
    CompletableFuture<Integer> run;

    @AfterEach
    void stop() {
        if (run != null && !run.isDone()) {
            router.deliver(VigilSignal.TERM);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private JsonNode status(Path sock) throws IOException {
        Cli.Outcome r = new Cli().run("status", "--json", "--socket", sock.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void statusSocketAnswersTracksReloadsServesMetricsAndGoesAwayAtStop() throws Exception {
        Path sock = dir.resolve("run/vigil.sock");
        int port = freePort();
        Path settings = Files.writeString(dir.resolve("vigil.conf"), "vigil.status.socket = \"" + sock + "\"\n"
                + "vigil.metrics { enabled = true, port = " + port + " }\n");
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), "! empty\n");
        LoadResult good = Cli.resultWith();
        AtomicInteger loads = new AtomicInteger();
        ConfigReader reader = (file, o) -> loads.incrementAndGet() == 2 ? Cli.resultWith(Severity.FATAL) : good;
        DaemonOptions options = new Cli().parse("-f", conf.toString(), "-p", dir.resolve("vigil.pid").toString(),
                "--settings", settings.toString());
        run = CompletableFuture.supplyAsync(
                new DaemonRun(reader, options, SignalSource.NONE, Optional::empty, router)::run);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("vigil.pid")));

        JsonNode s = status(sock);
        assertEquals(ProcessHandle.current().pid(), s.at("/daemon/pid").asLong());
        assertEquals(conf.toString(), s.at("/daemon/configFile").asText());
        assertTrue(s.at("/daemon/lastReload").isNull());
        assertEquals(0, s.get("instances").size(), "no vrrp_instance configured");

        router.deliver(VigilSignal.HUP); // the second load is FATAL: aborted
        await().atMost(Duration.ofSeconds(30)).until(() -> !status(sock).at("/daemon/lastReload").isNull());
        assertEquals("aborted (running configuration kept)", status(sock).at("/daemon/lastReloadResult").asText());
        router.deliver(VigilSignal.HUP);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(sock).at("/daemon/lastReloadResult").asText().equals("applied"));

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("vigil_build_info{version=\"" + VigilVersion.current() + "\"} 1"),
                metrics.body());

        router.deliver(VigilSignal.TERM);
        assertEquals(0, run.get(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(sock), "socket removed at exit");
        assertEquals(3, new Cli().run("status", "--socket", sock.toString()).code());
    }
}
