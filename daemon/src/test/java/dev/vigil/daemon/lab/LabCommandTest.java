package dev.vigil.daemon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.ConfigReader;
import dev.vigil.daemon.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vigil lab}'s command line: registered, documented, and bad options refused before anything is built. */
class LabCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine(ConfigReader.KEEPALIVED_CONF);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpNamesEveryOption() {
        assertEquals(0, run("lab", "--help"));
        for (String option : new String[] {"--non-interactive", "--json", "--advert-int"}) {
            assertTrue(out.toString().contains(option), out.toString());
        }
    }

    @Test
    void theCommandListShowsTheLab() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("lab      Run a director pair in network namespaces"), out.toString());
    }

    @Test
    void anAdvertIntervalOutOfRangeIsRefusedWithNothingBuilt() {
        assertEquals(1, run("lab", "--advert-int", "0"));
        assertTrue(err.toString().contains("--advert-int must be 1..255 seconds, got 0"), err.toString());
        assertTrue(LabNetwork.existingLabNamespaces().stream()
                .noneMatch(n -> n.startsWith(LabNetwork.NAME_PREFIX + ProcessHandle.current().pid() + "-")));
    }

    @Test
    void aNonNumericAdvertIntervalIsABadOption() {
        assertTrue(run("lab", "--advert-int", "often") != 0);
        assertTrue(err.toString().contains("--advert-int"), err.toString());
    }
}
