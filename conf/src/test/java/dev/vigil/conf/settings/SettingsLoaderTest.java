package dev.vigil.conf.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.settings.VigilSettings.LogDestination;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import dev.vigil.conf.settings.VigilSettings.StartTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void defaultsComeFromReferenceConf() {
        VigilSettings s = VigilSettings.defaults();
        assertEquals(LogFormat.TEXT, s.logging().format());
        assertEquals(LogDestination.CONSOLE, s.logging().destination());
        assertEquals(Path.of("/var/log/vigil/vigil.log"), s.logging().file());
        assertEquals(SyslogFacility.DAEMON, s.logging().facility());
        assertFalse(s.logging().detail());
        assertEquals(Path.of("/run/vigil/vigil.sock"), s.status().socket());
        assertFalse(s.metrics().enabled());
        assertEquals("127.0.0.1", s.metrics().host());
        assertEquals(9650, s.metrics().port());
        assertEquals(StartTls.OFF, s.email().starttls());
        assertFalse(s.email().auth().enabled());
        assertEquals(1000, s.email().queueCapacity());
        assertEquals(Duration.ofSeconds(5), s.email().retry().initial());
        assertEquals(Duration.ofMinutes(5), s.email().retry().max());
        assertEquals(4, s.email().flapDigest().threshold());
        assertEquals(Duration.ofSeconds(30), s.email().flapDigest().hold());
        assertEquals(Duration.ofMinutes(2), s.email().flapDigest().maxHold());
        assertEquals(10, s.timers().vrrpThreadPriority());
        assertEquals(Duration.ofSeconds(5), s.timers().shutdownGrace());
    }

    @Test
    void fileOverridesOnlyWhatItSays() throws IOException {
        Path f = write("vigil.conf", """
                vigil {
                  logging { format = json, destination = syslog, facility = local3, detail = yes }
                  metrics.enabled = true
                  metrics.port = 9100
                  email {
                    starttls = required
                    auth { user = alerts, password = s3cret }
                    retry.max = 30m
                  }
                }
                vigil.timers.vrrp-thread-priority = 7
                """);
        VigilSettings s = SettingsLoader.load(f);
        assertEquals(LogFormat.JSON, s.logging().format());
        assertEquals(LogDestination.SYSLOG, s.logging().destination());
        assertEquals(SyslogFacility.LOCAL3, s.logging().facility());
        assertTrue(s.logging().detail());
        assertTrue(s.metrics().enabled());
        assertEquals(9100, s.metrics().port());
        assertEquals("127.0.0.1", s.metrics().host(), "untouched keys keep their default");
        assertEquals(StartTls.REQUIRED, s.email().starttls());
        assertTrue(s.email().auth().enabled());
        assertEquals("s3cret", s.email().auth().password());
        assertFalse(s.email().auth().toString().contains("s3cret"), "toString must not leak the password");
        assertEquals(Duration.ofMinutes(30), s.email().retry().max());
        assertEquals(7, s.timers().vrrpThreadPriority());
    }

    @Test
    void substitutionsMayUseDefaultsAndOptionalEnvironment() {
        VigilSettings s = SettingsLoader.parse("""
                vigil.email.auth.password = ${?VIGIL_TEST_UNSET_VARIABLE_XYZ}
                vigil.email.retry.max = ${vigil.email.retry.initial}
                """, "inline");
        assertEquals("", s.email().auth().password());
        assertEquals(Duration.ofSeconds(5), s.email().retry().max());
    }

    @Test
    void explicitFileWinsOverDefaultFileWhichWinsOverReference() throws IOException {
        Path explicit = write("a.conf", "vigil.metrics.port = 1111");
        Path deflt = write("b.conf", "vigil.metrics.port = 2222");
        assertEquals(1111, SettingsLoader.load(Optional.of(explicit), deflt).metrics().port());
        assertEquals(2222, SettingsLoader.load(Optional.empty(), deflt).metrics().port());
        assertEquals(9650, SettingsLoader.load(Optional.empty(), dir.resolve("absent.conf")).metrics().port());
    }

    @Test
    void missingExplicitFileIsAnError() {
        Path absent = dir.resolve("nope.conf");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(Optional.of(absent)));
        assertEquals(absent + ": no such settings file", e.getMessage());
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws IOException {
        Path f = write("bad.conf", "vigil {\n  logging {\n    format = text\n  \n");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(f));
        assertEquals(f.toString(), e.file());
        assertEquals(5, e.line(), "end of input, after the last line");
        assertTrue(e.getMessage().startsWith(f + ":5: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void unknownKeyIsAnErrorAtItsLine() throws IOException {
        Path f = write("typo.conf", "vigil {\n  metrics {\n    enabled = true\n    prot = 9100\n  }\n}\n");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(f));
        assertEquals(f + ":4: vigil.metrics.prot: unknown setting (see reference.conf for the valid keys)",
                e.getMessage());
    }

    @Test
    void keysOutsideTheVigilRootAreUnknown() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> SettingsLoader.parse("logging.format = json", "s.conf"));
        assertEquals("s.conf:1: logging.format: unknown setting (see reference.conf for the valid keys)",
                e.getMessage());
    }

    @Test
    void wrongTypeNamesTheKeyAndLine() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> SettingsLoader.parse("\nvigil.metrics.port = nine", "s.conf"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("s.conf:2: "), e.getMessage());
        assertTrue(e.problem().contains("vigil.metrics.port"), e.problem());
    }

    @Test
    void outOfRangeAndBadEnumValuesAreExplained() {
        assertEquals("s.conf:1: vigil.metrics.port: must be 1..65535, got 70000", assertThrows(SettingsException.class,
                () -> SettingsLoader.parse("vigil.metrics.port = 70000", "s.conf")).getMessage());
        assertEquals("s.conf:1: vigil.logging.format: must be one of text, json, got 'xml'",
                assertThrows(SettingsException.class,
                        () -> SettingsLoader.parse("vigil.logging.format = xml", "s.conf")).getMessage());
        assertEquals("s.conf:1: vigil.logging.facility: must be 0-7, local0-local7, user or daemon, got 'kern'",
                assertThrows(SettingsException.class,
                        () -> SettingsLoader.parse("vigil.logging.facility = kern", "s.conf")).getMessage());
        assertEquals("s.conf:1: vigil.status.socket: must be an absolute path, got 'vigil.sock'",
                assertThrows(SettingsException.class,
                        () -> SettingsLoader.parse("vigil.status.socket = vigil.sock", "s.conf")).getMessage());
        assertTrue(assertThrows(SettingsException.class,
                () -> SettingsLoader.parse("vigil.timers.shutdown-grace = 0s", "s.conf")).getMessage()
                .startsWith("s.conf:1: vigil.timers.shutdown-grace: must be a positive duration"));
    }

    @Test
    void backoffInitialMustNotExceedMax() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> SettingsLoader.parse("vigil.email.retry { initial = 10m, max = 1m }", "s.conf"));
        assertEquals("s.conf:1: vigil.email.retry.initial: must not exceed vigil.email.retry.max (1m)",
                e.getMessage());
    }

    @Test
    void flapDigestHoldMustNotExceedMaxHold() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> SettingsLoader.parse("vigil.email.flap-digest { hold = 5m, max-hold = 1m }", "s.conf"));
        assertEquals("s.conf:1: vigil.email.flap-digest.hold: must not exceed vigil.email.flap-digest.max-hold (1m)",
                e.getMessage());
        VigilSettings s = SettingsLoader.parse("vigil.email.flap-digest { threshold = 2, hold = 10s }", "s.conf");
        assertEquals(new VigilSettings.FlapDigest(2, Duration.ofSeconds(10), Duration.ofMinutes(2)),
                s.email().flapDigest());
    }

    @Test
    void unresolvedSubstitutionIsLocated() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> SettingsLoader.parse("\n\nvigil.metrics.host = ${nowhere}", "s.conf"));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("nowhere"), e.problem());
    }

    @Test
    void facilitySpellingsMatchKeepalivedDashS() {
        assertEquals(Optional.of(SyslogFacility.LOCAL0), SyslogFacility.parse("0"));
        assertEquals(Optional.of(SyslogFacility.LOCAL7), SyslogFacility.parse("7"));
        assertEquals(Optional.of(SyslogFacility.LOCAL5), SyslogFacility.parse("local5"));
        assertEquals(Optional.of(SyslogFacility.USER), SyslogFacility.parse("user"));
        assertEquals(Optional.of(SyslogFacility.DAEMON), SyslogFacility.parse("DAEMON"));
        assertEquals(Optional.empty(), SyslogFacility.parse("8"));
        assertEquals(Optional.empty(), SyslogFacility.parse("local8"));
        assertEquals(19, SyslogFacility.LOCAL3.code());
    }

    @Test
    void checkersProgramTheKernelUnlessToldToKeepTheTableInMemory() {
        assertEquals(VigilSettings.IpvsTarget.KERNEL, VigilSettings.defaults().checkers().ipvs());
        assertEquals(VigilSettings.IpvsTarget.NONE,
                SettingsLoader.parse("vigil.checkers.ipvs = none", "s.conf").checkers().ipvs());
        assertEquals("s.conf:1: vigil.checkers.ipvs: must be one of kernel, none, got 'memory'",
                assertThrows(SettingsException.class,
                        () -> SettingsLoader.parse("vigil.checkers.ipvs = memory", "s.conf")).getMessage());
    }
}
