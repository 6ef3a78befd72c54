package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.vigil.conf.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code -t/--config-test}: keepalived 2.2.7's exit codes and one diagnostic per line. */
class ConfigTestOptionTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"'',0", "INFO,0", "WARNING,5", "ERROR,5", "SECURITY,6", "FATAL,4"})
    void exitCodeIsTheWorstDiagnostics(String severities, int expected) {
        Severity[] s = severities.isEmpty() ? new Severity[0]
                : java.util.Arrays.stream(severities.split(",")).map(Severity::valueOf).toArray(Severity[]::new);
        Cli cli = new Cli(Cli.resultWith(s));
        Cli.Outcome r = cli.run("-t", "-f", "/tmp/k.conf", "--settings", settings("vigil {}"));
        assertEquals(expected, r.code());
        assertEquals(s.length, Cli.lines(r.err()).size(), "one line per diagnostic: " + r.err());
        assertEquals("", r.out());
        assertNull(cli.daemonStarted.get(), "-t never starts the daemon");
    }

    /** Mixed severities: how keepalived ranks them is the parser's business; -t returns exactly its verdict. */
    @ParameterizedTest
    @CsvSource({"'WARNING,SECURITY'", "'ERROR,FATAL'", "'FATAL,WARNING,SECURITY'", "'INFO,FATAL'"})
    void mixedSeveritiesExitWithTheLoadResultsCode(String severities) {
        Severity[] s = java.util.Arrays.stream(severities.split(",")).map(Severity::valueOf).toArray(Severity[]::new);
        Cli cli = new Cli(Cli.resultWith(s));
        Cli.Outcome r = cli.run("-t", "--settings", settings(""));
        assertEquals(cli.reader.result.configTestExitCode(), r.code());
        assertEquals(s.length, Cli.lines(r.err()).size());
    }

    @Test
    void diagnosticsArePrintedAsFileLineColumn() {
        Cli cli = new Cli(Cli.resultWith(Severity.WARNING, Severity.ERROR));
        Cli.Outcome r = cli.run("--config-test", "-f", "/etc/x.conf", "--settings", settings(""));
        assertEquals(List.of("k.conf:1:3: warning: WARNING message", "k.conf:2:3: error: ERROR message"),
                Cli.lines(r.err()));
    }

    @Test
    void optionsReachTheParser() {
        Cli cli = new Cli();
        cli.run("-t", "-f", "/etc/x.conf", "-i", "lb7", "-e", "--settings", settings(""));
        assertEquals(List.of(Path.of("/etc/x.conf")), cli.reader.files);
        assertEquals("lb7", cli.reader.options.get(0).configId());
        assertTrue(cli.reader.options.get(0).allConfig());
    }

    @Test
    void logFileReceivesTheDiagnosticsInsteadOfStderr() throws IOException {
        Path log = dir.resolve("test.log");
        Cli cli = new Cli(Cli.resultWith(Severity.ERROR));
        Cli.Outcome r = cli.run("--config-test=" + log, "--settings", settings(""));
        assertEquals(5, r.code());
        assertEquals("", r.err());
        assertEquals(List.of("k.conf:1:3: error: ERROR message"), Files.readAllLines(log));
    }

    @Test
    void unwritableLogFileCannotRun() {
        Cli.Outcome r = new Cli().run("-t" + dir.resolve("no/such/dir/t.log"), "--settings", settings(""));
        assertEquals(4, r.code());
        assertTrue(r.err().startsWith("Cannot write "), r.err());
    }

    @Test
    void brokenSettingsFileMeansCannotRun() {
        String s = settings("vigil.metrics.port = 0\n");
        Cli.Outcome r = new Cli().run("-t", "--settings", s);
        assertEquals(4, r.code());
        assertEquals(List.of(s + ":1: vigil.metrics.port: must be 1..65535, got 0"), Cli.lines(r.err()));
    }

    @Test
    void missingSettingsFileMeansCannotRun() {
        Cli.Outcome r = new Cli().run("-t", "--settings", dir.resolve("absent.conf").toString());
        assertEquals(4, r.code());
        assertTrue(r.err().contains("no such settings file"), r.err());
    }

    @Test
    void dashTWithDashDPrintsTheModelAsJson() {
        Cli.Outcome r = new Cli().run("-t", "-d", "--settings", settings(""));
        assertEquals(0, r.code());
        ConfigFactory.parseString(r.out(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    }

    @Test
    void dashTWithDashDPrintsNothingWhenTheConfigCannotRun() {
        Cli.Outcome r = new Cli(Cli.resultWith(Severity.FATAL)).run("-t", "-d", "--settings", settings(""));
        assertEquals(4, r.code());
        assertEquals("", r.out());
        Cli.Outcome mixed = new Cli(Cli.resultWith(Severity.WARNING, Severity.FATAL))
                .run("-t", "-d", "--settings", settings(""));
        assertEquals("", mixed.out(), "a fatal diagnostic means no model, whatever the exit code ranking");
    }

    private String settings(String text) {
        try {
            Path p = Files.createTempFile(dir, "settings", ".conf");
            Files.writeString(p, text);
            return p.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
