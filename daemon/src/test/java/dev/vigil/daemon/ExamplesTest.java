package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.settings.SettingsLoader;
import dev.vigil.conf.settings.VigilSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled examples pass {@code vigil -t} with the real parser; a broken file does not. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @ParameterizedTest
    @ValueSource(strings = {"lvs-dr-master.conf", "lvs-dr-backup.conf", "minimal-vrrp.conf"})
    void examplesPassTheConfigTest(String name) {
        Path file = EXAMPLES.resolve(name);
        Cli.Outcome r = runReal("-t", "-f", file.toString(), "--settings", EXAMPLES.resolve("vigil.conf").toString());
        assertEquals("", r.err(), "no diagnostics for " + name);
        assertEquals(0, r.code());
    }

    @Test
    void exampleSettingsLoad() {
        VigilSettings s = SettingsLoader.load(EXAMPLES.resolve("vigil.conf"));
        assertEquals(VigilSettings.LogFormat.JSON, s.logging().format());
        assertEquals(VigilSettings.StartTls.REQUIRED, s.email().starttls());
        assertEquals("lb-alerts", s.email().auth().user());
    }

    @Test
    void brokenFileFailsTheConfigTest(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.conf"),
                "vrrp_instance VI_1 {\n    virtual_router_id 300\n    priority 100\n");
        assumeFalse(ConfigReader.KEEPALIVED_CONF.load(broken, LoadOptions.defaults()).diagnostics().isEmpty(),
                "needs the real keepalived.conf parser (the placeholder reports nothing)");
        Cli.Outcome r = runReal("-t", "-f", broken.toString(), "--settings", EXAMPLES.resolve("vigil.conf").toString());
        assertTrue(r.code() == 4 || r.code() == 5, "exit " + r.code() + ": " + r.err());
        assertTrue(r.err().startsWith(broken + ":"), r.err());
    }

    @Test
    void configTestChecksInterfacesAgainstThisHostAsKeepalivedDoes(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("nic.conf"), """
                vrrp_instance VI_1 {
                    interface vigil-nope0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.99.0.100/24
                    }
                }
                """);
        Cli.Outcome r = runReal("-t", "-f", conf.toString(), "--settings", EXAMPLES.resolve("vigil.conf").toString());
        assertTrue(r.code() != 0, "a missing interface must fail -t: " + r.err());
        assertTrue(r.err().contains("vigil-nope0"), r.err());
    }

    private static Cli.Outcome runReal(String... args) {
        return Cli.execute(Main.commandLine(ConfigReader.KEEPALIVED_CONF), args);
    }
}
