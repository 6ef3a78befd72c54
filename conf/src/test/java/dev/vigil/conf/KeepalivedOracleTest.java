package dev.vigil.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * keepalived 2.2.7 as the oracle: {@code keepalived -t -f FIXTURE -i lb1} runs inside a throwaway network
 * namespace that has the interfaces the fixtures name (eth0, eth1, as veth pairs), and its exit code must equal
 * {@link LoadResult#configTestExitCode()} for every fixture, valid and broken, except the few listed in
 * {@link #NOT_JUDGED} where keepalived itself cannot judge the file.
 */
@Tag("keepalived")
class KeepalivedOracleTest {
    private static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");
    private static final String NS = "vglc" + (ProcessHandle.current().pid() % 1000) + "o";

    /** Fixtures keepalived cannot judge, and why. */
    private static final Map<String, String> NOT_JUDGED = Map.of(
            "broken/http-no-url.conf", "keepalived 2.2.7 segfaults (exit 139) on an HTTP_GET without url",
            "broken/missing-parameter.conf", "keepalived 2.2.7 aborts (exit 2) on a timer keyword without value",
            "broken/self-param.conf", "keepalived only logs the runaway substitution; Vigil reports it as an error",
            "broken/includem-missing.conf", "keepalived exits 6 (EXIT_NO_CONFIG) before its config test; Vigil "
                    + "reports the missing checked include as fatal (4)");

    @BeforeAll
    static void namespace() throws Exception {
        assumeTrue(Files.isExecutable(KEEPALIVED), "keepalived not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for ip netns");
        run("ip", "netns", "del", NS); // a leftover from an aborted run
        check("ip", "netns", "add", NS);
        check("ip", "-n", NS, "link", "set", "lo", "up");
        for (int i = 0; i < 2; i++) {
            check("ip", "-n", NS, "link", "add", "eth" + i, "type", "veth", "peer", "name", NS + "p" + i);
            check("ip", "-n", NS, "link", "set", "eth" + i, "up");
            check("ip", "-n", NS, "link", "set", NS + "p" + i, "up");
        }
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (Files.isExecutable(KEEPALIVED)) {
            run("ip", "netns", "del", NS);
        }
    }

    static Stream<String> fixtures() {
        Path dir = Fixtures.dir();
        return Fixtures.all().stream().map(p -> dir.relativize(p).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void exitCodeMatchesKeepalived(String fixture) throws Exception {
        assumeTrue(!NOT_JUDGED.containsKey(fixture), () -> NOT_JUDGED.get(fixture));
        Path file = Fixtures.file(fixture);
        Result k = run(file.getParent(), "ip", "netns", "exec", NS, KEEPALIVED.toString(), "-t", "-f",
                file.toString(), "-i", "lb1");
        LoadResult vigil = ConfigLoader.load(file, Fixtures.options());
        assertEquals(k.exitCode(), vigil.configTestExitCode(),
                () -> "keepalived said:\n" + k.output() + "\nVigil said:\n" + String.join("\n",
                        vigil.diagnostics().stream().map(Diagnostic::toString).toList()));
    }

    private record Result(int exitCode, String output) {
    }

    private static void check(String... cmd) throws Exception {
        Result r = run(cmd);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.output());
        }
    }

    private static Result run(String... cmd) throws Exception {
        return run(null, cmd);
    }

    private static Result run(Path dir, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
