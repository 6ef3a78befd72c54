package dev.vigil.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of mistake gives its exact diagnostic: line:column, severity and keepalived's message (plus Vigil's
 * hints), and keepalived 2.2.7's {@code -t} exit code (checked against keepalived itself by KeepalivedOracleTest).
 */
class DiagnosticsTest {

    private static Arguments mistake(String fixture, int exitCode, String... diagnostics) {
        return Arguments.of(fixture, exitCode, List.of(diagnostics));
    }

    static Stream<Arguments> brokenFixtures() {
        return Stream.of(
                mistake("broken/advert-fraction.conf", 5,
                        "1:15: error: (VI_1) VRRPv2 advertisement interval 1.500000s must be an integer. rounding"),
                mistake("broken/auth-pass-long.conf", 5,
                        "6:19: warning: Truncating auth_pass to 8 characters"),
                mistake("broken/bad-numbers.conf", 5,
                        "4:16: error: number '2.1234567' has too many decimal places",
                        "5:23: error: invalid number 'abc'",
                        "6:16: error: Invalid smtp_alert value 'maybe' - expected on|off|true|false|yes|no",
                        "8:9: error: Invalid address prefix len 33 for address 10.0.0.1/33 - using 32",
                        "1:15: error: (VI_1) VRRPv2 advertisement interval 2.123457s must be an integer. rounding"),
                mistake("broken/bad-scheduler.conf", 5,
                        "2:13: error: Invalid lvs_scheduler 'rrr' - ignoring (did you mean 'rr'?)",
                        "1:16: error: Virtual server [10.0.0.1]:none:80: no protocol set - defaulting to UDP",
                        "1:16: error: Virtual server [10.0.0.1]:udp:80: no scheduler set, setting default 'wlc'"),
                mistake("broken/bad-state.conf", 5,
                        "2:11: error: (VI_1) unknown state 'PRIMARY', defaulting to BACKUP"),
                mistake("broken/bad-vip.conf", 5,
                        "5:9: error: invalid address '10.0.0.300' - expected an IPv4 or IPv6 address",
                        "1:15: warning: (VI_1) No VIP specified; at least one is sensible"),
                mistake("broken/duplicate-name.conf", 5,
                        "8:15: error: vrrp instance VI_1 already defined"),
                mistake("broken/duplicate-vrid.conf", 5,
                        "8:15: error: VI_1 and VI_2 both use VRID 5 with IPv4 on interface eth0"),
                mistake("broken/extra-brace.conf", 5,
                        "8:1: error: Extra '}' found"),
                mistake("broken/http-no-url.conf", 5,
                        "1:16: error: Virtual server [10.0.0.1]:none:80: no protocol set - defaulting to UDP",
                        "1:16: error: Virtual server [10.0.0.1]:udp:80: no scheduler set, setting default 'wlc'",
                        "1:16: error: Virtual server [10.0.0.1]:udp:80: no forwarding method set, setting default NAT",
                        "3:9: error: HTTP/SSL_GET checker has no urls specified - ignoring"),
                mistake("broken/includem-missing.conf", 4,
                        "1:1: fatal: Config files missing 'no-such-file.conf'."),
                mistake("broken/loopback-interface.conf", 5,
                        "2:15: error: (VI_1) cannot use a loopback interface (lo) for vrrp - ignoring",
                        "1:15: error: (VI_1) Unknown interface!"),
                mistake("broken/lvs-bad-values.conf", 5,
                        "3:13: error: PARSER : unknown [ROUTE] routing method for virtual server. (expected NAT, DR or TUN)",
                        "6:16: error: Real server weight 70000 is outside range 0-65535",
                        "1:16: error: Virtual server [10.0.0.1]:tcp:80: no forwarding method set, setting default NAT"),
                mistake("broken/lvs-quorum-ports.conf", 5,
                        "8:9: warning: Unknown keyword 'wieght' in real_server - did you mean 'weight'?",
                        "13:17: error: VS [10.0.0.1]:tcp:80: real server [10.0.1.1]:tcp:8080 is duplicated - removing second rs",
                        "1:16: error: Warning - quorum 5 for [10.0.0.1]:tcp:80 exceeds total weight of real servers 1, reducing quorum to 1",
                        "1:16: error: Virtual server [10.0.0.1]:tcp:80: hysteresis 7 >= quorum 1; setting hysteresis to 0",
                        "1:16: error: WARNING - virtual server [10.0.0.1]:tcp:80 and real server [10.0.1.1]:tcp:8080 ports don't match - resetting"),
                mistake("broken/missing-brace.conf", 5,
                        "6:5: error: There are 1 missing '}'s or extra '{'s (the block 'vrrp_instance' opened at line 1 is not closed)"),
                mistake("broken/missing-open-brace.conf", 5,
                        "1:1: error: Missing '{' at beginning of configuration block",
                        "1:15: warning: (VI_1) No VIP specified; at least one is sensible"),
                mistake("broken/missing-parameter.conf", 5,
                        "2:5: error: *** Configuration line starting `smtp_connect_timeout` is missing a parameter after keyword `smtp_connect_timeout` at word position 2"),
                mistake("broken/missing-vrid.conf", 5,
                        "1:15: error: (VI_1) the virtual router id must be set"),
                mistake("broken/mixed-family.conf", 5,
                        "6:9: error: (VI_1): address family must match VRRP instance [2001:db8::1] - ignoring"),
                mistake("broken/no-interface.conf", 5,
                        "1:15: error: (VI_1) Unknown interface!"),
                mistake("broken/nopreempt-master.conf", 5,
                        "3:5: error: (VI_1) Warning - nopreempt will not work with initial state MASTER - clearing"),
                mistake("broken/priority-range.conf", 5,
                        "4:14: error: (VI_1) Priority not valid! must be between 1 & 255. Using default 100"),
                mistake("broken/route-no-dev.conf", 5,
                        "8:9: error: Warning - cannot track route 10.9.0.0/16 with no interface specified, not tracking"),
                mistake("broken/script-security.conf", 6,
                        "2:12: security: SECURITY VIOLATION - scripts are being executed but script_security not enabled. (first: '/bin/true'; add enable_script_security to global_defs)"),
                mistake("broken/self-param.conf", 5,
                        "5:5: error: Parameter substitution on line 'notify_master $A' would exceed maximum line length (does $A refer to itself?)"),
                mistake("broken/static-no-interface.conf", 4,
                        "5:5: fatal: Static address 10.5.5.5/24 requires either an interface or default interface must exist",
                        "5:5: fatal: Non-existent interface specified in configuration"),
                mistake("broken/sync-group-weights.conf", 5,
                        "23:15: error: (VI_EXT) ignoring eth1 tracked interface weight due to SYNC group",
                        "23:15: error: (VI_EXT) ignoring tracked script chk_haproxy with weights due to SYNC group"),
                mistake("broken/sync-one-member.conf", 5,
                        "1:17: error: Sync group G has only 1 virtual router(s) - this probably isn't what you want"),
                mistake("broken/sync-unknown-instance.conf", 5,
                        "4:9: error: Virtual router VI_9 specified in sync group G doesn't exist - ignoring (did you mean 'VI_1'?)",
                        "1:17: error: Sync group G has only 1 virtual router(s) - this probably isn't what you want"),
                mistake("broken/track-interface-problems.conf", 5,
                        "5:9: error: (VI_1) weight for eth1 cannot be +/-254. Setting to +/-253",
                        "6:9: error: (VI_1) duplicate track_interface eth1 - ignoring",
                        "7:9: error: (VI_1) tracked interface eth4 doesn't exist",
                        "7:9: fatal: Non-existent interface specified in configuration"),
                mistake("broken/tunnel-options.conf", 5,
                        "3:13: error: ipip tunnels do not support checksum option.",
                        "6:20: error: gue tunnels require port, otherwise cannot have port.",
                        "11:24: error: Invalid tunnel option flags for real server."),
                mistake("broken/typo-keyword.conf", 5,
                        "4:5: warning: Unknown keyword 'priorty' in vrrp_instance - did you mean 'priority'?"),
                mistake("broken/unexpected-brace.conf", 5,
                        "4:5: error: Unexpected '{' after 'priority' - ignoring the block"),
                mistake("broken/unknown-interface.conf", 5,
                        "2:15: error: WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist",
                        "2:15: fatal: Non-existent interface specified in configuration"),
                mistake("broken/unknown-top-level.conf", 5,
                        "8:1: warning: Unknown keyword 'foo_section' in the top level"),
                mistake("broken/unknown-track-script.conf", 6,
                        "8:9: error: (VI_1) track script chk_htp not found, ignoring... (did you mean 'chk_http'?)",
                        "2:12: security: SECURITY VIOLATION - scripts are being executed but script_security not enabled. (first: '/bin/true'; add enable_script_security to global_defs)"),
                mistake("broken/unterminated-quote.conf", 5,
                        "7:5: error: Unterminated quote 'notify_master \"/bin/true'",
                        "7:19: error: Unmatched quote: 'notify_master \"/bin/true'"),
                mistake("broken/vip-dev-missing.conf", 5,
                        "5:9: error: WARNING - interface eth5 for ip address 10.0.0.1/24 doesn't exist",
                        "5:9: fatal: Non-existent interface specified in configuration"),
                mistake("broken/vrid-not-number.conf", 5,
                        "3:23: error: (VI_1): VRID 'abc' not valid - must be between 1 & 255",
                        "1:15: error: (VI_1) the virtual router id must be set"),
                mistake("broken/vrid-range.conf", 5,
                        "3:23: error: (VI_1): VRID '256' not valid - must be between 1 & 255",
                        "1:15: error: (VI_1) the virtual router id must be set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFixtures")
    void eachMistakeHasItsDiagnostic(String fixture, int exitCode, List<String> expected) {
        LoadResult r = Fixtures.load(fixture);
        assertEquals(expected, Fixtures.diags(r));
        assertEquals(exitCode, r.configTestExitCode());
        assertTrue(r.diagnostics().stream().allMatch(d -> d.pos().file().endsWith(fixture)
                || d.pos().file().endsWith(".inc")), "positions name the file");
    }

    @Test
    void diagnosticLineCarriesFileLineColumnAndToken() {
        LoadResult r = Fixtures.load("broken/typo-keyword.conf");
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("priorty", d.token());
        assertEquals(Severity.WARNING, d.severity());
        assertTrue(d.toString().endsWith("broken/typo-keyword.conf:4:5: warning: Unknown keyword 'priorty' in "
                + "vrrp_instance - did you mean 'priority'?"), d.toString());
    }

    @Test
    void includeCycleIsReportedOnceAtTheIncludeLine() {
        LoadResult r = Fixtures.load("broken/include-cycle.conf");
        assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
        Diagnostic d = r.diagnostics().get(0);
        assertTrue(d.pos().file().endsWith("loop-b.inc"));
        assertEquals(1, d.pos().line());
        assertTrue(d.message().startsWith("include cycle: "), d.message());
        assertEquals(1, r.config().vrrpInstances().size(), "the instance after the cycle is still read");
    }

    @Test
    void missingMainFileIsFatal() {
        LoadResult r = ConfigLoader.load(Fixtures.file("no-such.conf"), LoadOptions.defaults());
        assertEquals(4, r.configTestExitCode());
        assertTrue(r.diagnostics().get(0).message().startsWith("Config files missing"));
    }
}
