package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.settings.SyslogFacility;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VigilCommandTest {
    private final Cli cli = new Cli();

    @Test
    void defaultsMatchKeepalived() {
        DaemonOptions o = cli.parse();
        assertEquals(Path.of("/etc/keepalived/keepalived.conf"), o.configFile());
        assertEquals(Path.of("/run/vigil/vigil.pid"), o.pidFile());
        assertTrue(o.runsVrrp());
        assertTrue(o.runsCheckers());
        assertFalse(o.logConsole() || o.logDetail() || o.dumpConf() || o.allConfig() || o.noSyslog());
        assertFalse(o.dontReleaseIpvs() || o.dontReleaseVrrp() || o.releaseVips() || o.dontRespawn());
        assertEquals(Optional.empty(), o.logFacility());
        assertEquals(Optional.empty(), o.logFormat());
        assertEquals(Optional.empty(), o.settingsFile());
        assertEquals(Optional.empty(), o.vrrpPidFile());
        assertEquals(Optional.empty(), o.checkersPidFile());
        assertNull(o.configId());
    }

    @Test
    void everyShortOptionParses() {
        DaemonOptions o = cli.parse("-f", "/tmp/k.conf", "-P", "-C", "-l", "-D", "-S", "local3", "-G", "-n",
                "-p", "/tmp/p.pid", "-r", "/tmp/r.pid", "-c", "/tmp/c.pid", "-d", "-i", "lb1", "-I", "-V", "-X",
                "-R", "-e", "-x", "-B", "--all", "--log-format", "json", "--settings", "/tmp/s.conf");
        assertEquals(Path.of("/tmp/k.conf"), o.configFile());
        assertTrue(o.vrrpOnly() && o.checkerOnly() && o.runsVrrp() && o.runsCheckers());
        assertTrue(o.logConsole() && o.logDetail() && o.noSyslog() && o.dumpConf() && o.allConfig());
        assertEquals(Optional.of(SyslogFacility.LOCAL3), o.logFacility());
        assertEquals(Path.of("/tmp/p.pid"), o.pidFile());
        assertEquals(Optional.of(Path.of("/tmp/r.pid")), o.vrrpPidFile());
        assertEquals(Optional.of(Path.of("/tmp/c.pid")), o.checkersPidFile());
        assertEquals("lb1", o.configId());
        assertEquals("lb1", o.loadOptions().configId());
        assertTrue(o.loadOptions().allConfig());
        assertTrue(o.dontReleaseIpvs() && o.dontReleaseVrrp() && o.releaseVips() && o.dontRespawn());
        assertEquals(Optional.of(LogFormat.JSON), o.logFormat());
        assertEquals(Optional.of(Path.of("/tmp/s.conf")), o.settingsFile());
    }

    @Test
    void everyLongOptionParses() {
        DaemonOptions o = cli.parse("--use-file=/tmp/k.conf", "--vrrp", "--log-console", "--log-detail",
                "--log-facility=user", "--no-syslog", "--dont-fork", "--pid=/tmp/p.pid", "--vrrp_pid=/tmp/r.pid",
                "--checkers_pid=/tmp/c.pid", "--dump-conf", "--config-id=lb2", "--dont-release-ipvs",
                "--dont-release-vrrp", "--release-vips", "--dont-respawn", "--all-config", "--snmp", "--no_bfd",
                "--log-format=TEXT", "--settings=/tmp/s.conf");
        assertEquals(Path.of("/tmp/k.conf"), o.configFile());
        assertTrue(o.vrrpOnly());
        assertFalse(o.runsCheckers(), "-P alone runs VRRP only");
        assertEquals(Optional.of(SyslogFacility.USER), o.logFacility());
        assertEquals(Optional.of(Path.of("/tmp/r.pid")), o.vrrpPidFile());
        assertEquals(Optional.of(Path.of("/tmp/c.pid")), o.checkersPidFile());
        assertEquals("lb2", o.configId());
        assertEquals(Optional.of(LogFormat.TEXT), o.logFormat());
        assertTrue(o.dontReleaseIpvs() && o.dontReleaseVrrp() && o.releaseVips() && o.dontRespawn());
        assertTrue(o.allConfig() && o.dumpConf() && o.noSyslog() && o.logConsole() && o.logDetail());
    }

    @Test
    void checkOnlyRunsNoVrrp() {
        DaemonOptions o = cli.parse("-C");
        assertFalse(o.runsVrrp());
        assertTrue(o.runsCheckers());
    }

    @Test
    void clusteredShortFlagsParseAsGetoptDoes() {
        DaemonOptions o = cli.parse("-nlD", "-f/tmp/x.conf");
        assertTrue(o.logConsole() && o.logDetail());
        assertEquals(Path.of("/tmp/x.conf"), o.configFile());
    }

    @ParameterizedTest
    @CsvSource({"0,LOCAL0", "7,LOCAL7", "local4,LOCAL4", "user,USER", "daemon,DAEMON"})
    void facilitySpellings(String given, SyslogFacility expected) {
        assertEquals(Optional.of(expected), cli.parse("-S", given).logFacility());
    }

    @Test
    void invalidFacilityWarnsWithKeepalivedsMessageAndCarriesOn() {
        Cli.Outcome r = cli.run("-S", "9");
        assertEquals(0, r.code());
        assertTrue(r.err().contains("Invalid log facility '9'"), r.err());
        assertNotNull(cli.daemonStarted.get(), "the daemon still starts, as keepalived does");
        assertEquals(Optional.empty(), cli.daemonStarted.get().logFacility());
    }

    @Test
    void snmpIsAcceptedWithAWarning() {
        Cli.Outcome r = cli.run("-x");
        assertEquals(0, r.code());
        assertTrue(r.err().contains("SNMP is not supported"), r.err());
    }

    @Test
    void withoutDashTTheDaemonRunsWithTheParsedOptions() {
        Cli.Outcome r = cli.run("-n", "-l", "-f", "/tmp/k.conf");
        assertEquals(0, r.code());
        DaemonOptions o = cli.daemonStarted.get();
        assertEquals(Path.of("/tmp/k.conf"), o.configFile());
        assertEquals(List.of("-n", "-l", "-f", "/tmp/k.conf"), o.commandLine());
        assertTrue(cli.reader.files.isEmpty(), "the daemon run, not the CLI, reads the configuration");
    }

    @Test
    void configTestTakesAnOptionalLogFile() {
        assertTrue(cli.parsed("-t").configTestRequested());
        assertEquals(Optional.empty(), cli.parsed("-t").configTestLogFile());
        assertEquals(Optional.of(Path.of("/tmp/t.log")), cli.parsed("--config-test=/tmp/t.log").configTestLogFile());
        assertEquals(Optional.of(Path.of("/tmp/t.log")), cli.parsed("-t/tmp/t.log").configTestLogFile());
        assertEquals(Optional.empty(), cli.parsed("-t", "-f", "/tmp/k.conf").configTestLogFile(),
                "an option after -t is not its log file");
        assertFalse(cli.parsed("-f", "/tmp/k.conf").configTestRequested());
    }

    @Test
    void unknownOptionExitsOneLikeKeepalived() {
        Cli.Outcome r = cli.run("--bogus");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
        assertNull(cli.daemonStarted.get());
    }

    @Test
    void badLogFormatIsRejected() {
        Cli.Outcome r = cli.run("--log-format", "xml");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--log-format"), r.err());
    }

    @Test
    void versionPrintsVigilVersionAndPlatform() {
        Cli.Outcome r = cli.run("-v");
        assertEquals(0, r.code());
        List<String> lines = Cli.lines(r.out());
        assertEquals("Vigil v" + VigilVersion.current(), lines.get(0));
        assertTrue(VigilVersion.current().matches("\\d+\\.\\d+\\.\\d+.*"), "filtered by the build: "
                + VigilVersion.current());
        assertTrue(r.out().contains("Running on " + System.getProperty("os.name")), r.out());
        assertEquals(r.out(), cli.run("--version").out());
        assertNull(cli.daemonStarted.get());
    }

    @Test
    void helpListsEveryKeepalivedOption() {
        Cli.Outcome r = cli.run("-h");
        assertEquals(0, r.code());
        for (String opt : List.of("--use-file", "--vrrp", "--check", "--log-console", "--log-detail",
                "--log-facility", "--dont-fork", "--pid", "--vrrp_pid", "--checkers_pid", "--config-test",
                "--dump-conf", "--config-id", "--version", "--help", "--dont-release-ipvs", "--dont-release-vrrp",
                "--release-vips", "--dont-respawn", "--all-config", "--snmp", "--signum", "--log-format",
                "--settings", "config", "status")) {
            assertTrue(r.out().contains(opt), "help mentions " + opt);
        }
    }
}
