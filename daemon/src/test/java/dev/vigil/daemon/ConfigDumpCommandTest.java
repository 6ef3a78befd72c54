package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.vigil.conf.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDumpCommandTest {
    @Test
    void jsonDumpIsReadableByTypesafeConfig() {
        Cli cli = new Cli();
        Cli.Outcome r = cli.run("config", "dump", "-f", "/tmp/k.conf", "--format", "json");
        assertEquals(0, r.code());
        Config reread = ConfigFactory.parseString(r.out(),
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
        assertTrue(reread.root().render().startsWith("{"), reread.root().render());
        assertEquals(List.of(Path.of("/tmp/k.conf")), cli.reader.files);
    }

    @Test
    void jsonIsTheDefaultFormatAndHoconIsAvailable() {
        Cli.Outcome json = new Cli().run("config", "dump", "-f", "/tmp/k.conf");
        assertEquals(0, json.code());
        ConfigFactory.parseString(json.out(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
        Cli.Outcome hocon = new Cli().run("config", "dump", "-f", "/tmp/k.conf", "--format", "HOCON");
        assertEquals(0, hocon.code());
        ConfigFactory.parseString(hocon.out(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF));
    }

    @Test
    void diagnosticsGoToStderrAndStdoutStaysClean() {
        Cli.Outcome r = new Cli(Cli.resultWith(Severity.WARNING)).run("config", "dump", "-f", "/tmp/k.conf");
        assertEquals(0, r.code());
        assertEquals(List.of("k.conf:1:3: warning: WARNING message"), Cli.lines(r.err()));
        ConfigFactory.parseString(r.out(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    }

    @Test
    void configThatCannotRunPrintsNoDump() {
        Cli.Outcome r = new Cli(Cli.resultWith(Severity.FATAL)).run("config", "dump", "-f", "/tmp/k.conf");
        assertEquals(4, r.code());
        assertEquals("", r.out());
        Cli.Outcome mixed = new Cli(Cli.resultWith(Severity.WARNING, Severity.FATAL))
                .run("config", "dump", "-f", "/tmp/k.conf");
        assertEquals(4, mixed.code());
        assertEquals("", mixed.out());
    }

    @Test
    void dumpPassesConfigIdAndAllConfig() {
        Cli cli = new Cli();
        cli.run("config", "dump", "-f", "/tmp/k.conf", "-i", "lb3", "-e");
        assertEquals("lb3", cli.reader.options.get(0).configId());
        assertTrue(cli.reader.options.get(0).allConfig());
    }

    @Test
    void configWithoutSubcommandShowsUsage() {
        Cli.Outcome r = new Cli().run("config");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("dump"), r.err());
    }
}
