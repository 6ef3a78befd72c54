package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.settings.SettingsLoader;
import dev.vigil.conf.settings.SyslogFacility;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LogConfigTest {
    private final Cli cli = new Cli();

    private static VigilSettings.Logging settings(String hocon) {
        return SettingsLoader.parse(hocon, "test").logging();
    }

    @Test
    void defaultsLogTextToTheConsole() {
        LogConfig c = LogConfig.of(VigilSettings.defaults().logging(), cli.parse());
        assertEquals(new LogConfig(LogFormat.TEXT, true, null, null, false), c);
    }

    @Test
    void commandLineOverridesSettings() {
        LogConfig c = LogConfig.of(settings("vigil.logging { format = text, destination = syslog }"),
                cli.parse("--log-format", "json", "-D", "-S", "local2", "-l"));
        assertEquals(LogFormat.JSON, c.format());
        assertTrue(c.detail());
        assertTrue(c.console());
        assertEquals(SyslogFacility.LOCAL2, c.syslogFacility());
    }

    @Test
    void fileDestinationUsesTheFileAndNoConsoleUnlessDashL() {
        VigilSettings.Logging s = settings("vigil.logging { destination = file, file = /var/tmp/v.log }");
        LogConfig quiet = LogConfig.of(s, cli.parse());
        assertEquals(Path.of("/var/tmp/v.log"), quiet.file());
        assertFalse(quiet.console());
        assertTrue(LogConfig.of(s, cli.parse("-l")).console());
    }

    @Test
    void dashSLogsToSyslogAsKeepalivedDoesUnlessDashG() {
        LogConfig c = LogConfig.of(VigilSettings.defaults().logging(), cli.parse("-S", "1"));
        assertEquals(SyslogFacility.LOCAL1, c.syslogFacility());
        assertFalse(c.console(), "syslog instead of the console, as keepalived");
        assertTrue(LogConfig.of(VigilSettings.defaults().logging(), cli.parse("-S", "1", "-l")).console(),
                "-l keeps the console");
        LogConfig file = LogConfig.of(settings("vigil.logging { destination = file, file = /var/tmp/v.log }"),
                cli.parse("-S", "0"));
        assertEquals(Path.of("/var/tmp/v.log"), file.file(), "a file destination stays");
        assertEquals(SyslogFacility.LOCAL0, file.syslogFacility());
        LogConfig refused = LogConfig.of(VigilSettings.defaults().logging(), cli.parse("-S", "1", "-G"));
        assertNull(refused.syslogFacility());
        assertTrue(refused.console(), "-G: back to the console");
        assertEquals(SyslogFacility.DAEMON,
                LogConfig.of(settings("vigil.logging.destination = syslog"), cli.parse()).syslogFacility(),
                "keepalived's default facility");
    }

    @Test
    void noSyslogFallsBackToTheConsoleRatherThanNowhere() {
        LogConfig c = LogConfig.of(settings("vigil.logging.destination = syslog"), cli.parse("-G"));
        assertNull(c.syslogFacility());
        assertTrue(c.console());
    }
}
