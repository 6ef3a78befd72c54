package dev.vigil.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.CheckerCommon;
import dev.vigil.conf.model.ForwardingMethod;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.UrlCheck;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md's "Supported configuration" section true: its keyword tables must list exactly the keywords the
 * parser models, block by block, its "Recognised but not supported yet" lines exactly the keywords the parser
 * accepts and ignores, and the defaults it states for the common keywords must be the parser's.
 */
class ReadmeKeywordsTest {
    private static final Path README = Path.of("../README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|([^|]*)\\|");
    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
    private static final String UNSUPPORTED = "Recognised but not supported yet:";

    /** Per block: keyword -> Default cell of its row. */
    private static final Map<String, Map<String, String>> rows = new TreeMap<>();
    /** Per block: the keywords of its "Recognised but not supported yet" lines. */
    private static final Map<String, Set<String>> unsupported = new TreeMap<>();

    @BeforeAll
    static void readReadme() throws IOException {
        List<String> section = section(Files.readAllLines(README));
        Set<String> scope = Set.of();
        for (int i = 0; i < section.size(); i++) {
            String line = section.get(i);
            if (line.startsWith("### ") || line.startsWith("#### ")) {
                scope = headingBlocks(line);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                assertFalse(scope.isEmpty(), "README table row outside a block heading: " + line);
                for (String block : scope) {
                    String previous = rows.computeIfAbsent(block, b -> new TreeMap<>())
                            .put(row.group(1), row.group(2).strip());
                    assertNull(previous, "README lists `" + row.group(1) + "` twice for " + block);
                }
            } else if (line.startsWith(UNSUPPORTED)) {
                assertFalse(scope.isEmpty(), "README '" + UNSUPPORTED + "' outside a block heading");
                StringBuilder paragraph = new StringBuilder(line.substring(UNSUPPORTED.length()));
                while (i + 1 < section.size() && !section.get(i + 1).isBlank()) {
                    paragraph.append(' ').append(section.get(++i));
                }
                Matcher m = TICKED.matcher(paragraph);
                while (m.find()) {
                    for (String block : scope) {
                        unsupported.computeIfAbsent(block, b -> new TreeSet<>()).add(m.group(1));
                    }
                }
            }
        }
    }

    /** The lines of "## Supported configuration", up to the next "## " heading. */
    private static List<String> section(List<String> readme) {
        int start = readme.indexOf("## Supported configuration");
        assertTrue(start >= 0, "README.md has no '## Supported configuration' section");
        List<String> out = new ArrayList<>();
        for (String line : readme.subList(start + 1, readme.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            out.add(line);
        }
        return out;
    }

    /** The blocks a heading is about: its backticked names, or the top level; none for prose headings. */
    private static Set<String> headingBlocks(String heading) {
        String text = heading.replaceFirst("^#+ ", "");
        if (text.equals("Top level")) {
            return Set.of("top level");
        }
        Set<String> blocks = new LinkedHashSet<>();
        Matcher m = TICKED.matcher(text);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void everyReadmeBlockIsOneTheParserHas() {
        Set<String> named = new TreeSet<>(rows.keySet());
        named.addAll(unsupported.keySet());
        named.removeAll(KeywordProbe.WRAPPERS.keySet());
        assertEquals(Set.of(), named, "README headings name blocks the test cannot probe");
    }

    @Test
    void readmeListsExactlyTheKeywordsTheParserModels() {
        List<String> problems = new ArrayList<>();
        for (String block : KeywordProbe.WRAPPERS.keySet()) {
            KeywordProbe.Block parser = KeywordProbe.probe(block);
            Set<String> listed = rows.getOrDefault(block, Map.of()).keySet();
            differences(problems, block, "modelled by the parser but missing from the README table", parser.modelled(),
                    listed);
            differences(problems, block, "in the README table but not modelled by the parser", listed,
                    parser.modelled());
            Set<String> ignored = unsupported.getOrDefault(block, Set.of());
            differences(problems, block, "recognised but not supported, missing from the README's '" + UNSUPPORTED
                    + "'", parser.unsupported(), ignored);
            differences(problems, block, "listed as '" + UNSUPPORTED + "' but the parser does not say so", ignored,
                    parser.unsupported());
        }
        assertEquals(List.of(), problems);
    }

    private static void differences(List<String> problems, String block, String what, Set<String> a, Set<String> b) {
        Set<String> diff = new TreeSet<>(a);
        diff.removeAll(b);
        if (!diff.isEmpty()) {
            problems.add(block + ": " + what + ": " + diff);
        }
    }

    @Test
    void theProbeTellsModelledUnsupportedAndUnknownApart() {
        KeywordProbe.Block instance = KeywordProbe.probe("vrrp_instance");
        assertTrue(instance.modelled().contains("advert_int"));
        assertTrue(instance.unsupported().contains("vrf"));
        assertFalse(instance.modelled().contains("lb_algo"), "a virtual_server keyword is unknown in vrrp_instance");
        assertFalse(instance.unsupported().contains("lb_algo"));
    }

    // ---- defaults: the README's Default cell against what the parser puts in the model ----

    private static KeepalivedConfig load(String text) {
        return ConfigLoader.load(Path.of("/nonexistent/keepalived.conf"), text, new LoadOptions("test", false))
                .config();
    }

    private static void readmeSays(String block, String keyword, String expected) {
        String cell = rows.getOrDefault(block, Map.of()).get(keyword);
        assertNotNull(cell, "README has no row for `" + keyword + "` in " + block);
        assertTrue(cell.contains(expected),
                "README default of `" + keyword + "` in " + block + " is '" + cell + "', expected '" + expected + "'");
    }

    /** The lines a vrrp_instance needs to be kept, even in strict mode (interfaces are not checked here). */
    private static final String INSTANCE =
            " interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n  192.0.2.10/24\n }\n";

    private static VrrpInstance instance(String body) {
        return load("vrrp_instance VI {\n" + INSTANCE + body + "\n}\n").vrrpInstances().get(0);
    }

    @Test
    void vrrpInstanceDefaults() {
        VrrpInstance backup = instance("");
        assertEquals(VrrpState.BACKUP, backup.state());
        assertEquals(100, backup.priority());
        assertEquals(Duration.ofSeconds(1), backup.advertInterval());
        assertEquals(2, backup.version());
        assertFalse(backup.nopreempt());
        assertEquals(Duration.ZERO, backup.preemptDelay());
        assertEquals(255, backup.unicastTtl());
        assertEquals(3, backup.downTimerAdverts());
        assertEquals(Duration.ofSeconds(5), backup.garp().masterDelay());
        assertEquals(5, backup.garp().masterRepeat());
        assertEquals(1, backup.garp().masterRefreshRepeat());
        assertTrue(backup.accept());
        assertFalse(backup.useVmac());
        assertEquals(255, instance("state MASTER").priority());
        assertEquals(VrrpState.MASTER, instance("priority 255").state());
        readmeSays("vrrp_instance", "state", "`BACKUP` (`MASTER` when priority is 255)");
        readmeSays("vrrp_instance", "priority", "100 (255 with `state MASTER`)");
        readmeSays("vrrp_instance", "advert_int", "1 s");
        readmeSays("vrrp_instance", "version", "(2)");
        readmeSays("vrrp_instance", "preempt_delay", "0");
        readmeSays("vrrp_instance", "unicast_ttl", "255");
        readmeSays("vrrp_instance", "down_timer_adverts", "(3)");
        readmeSays("vrrp_instance", "garp_master_delay", "(5 s)");
        readmeSays("vrrp_instance", "garp_master_repeat", "(5)");
        readmeSays("vrrp_instance", "garp_master_refresh_repeat", "(1)");
        readmeSays("vrrp_instance", "use_vmac", "off");
    }

    @Test
    void globalDefsDefaults() {
        GlobalDefs g = load("global_defs {\n}\n").globalDefs();
        assertEquals(Duration.ofSeconds(30), g.smtpConnectTimeout());
        assertEquals(2, g.vrrpVersion());
        assertEquals("224.0.0.18", g.vrrpMcastGroup4().getHostAddress());
        assertEquals(Duration.ofSeconds(5), g.vrrpGarpMasterDelay());
        assertEquals(5, g.vrrpGarpMasterRepeat());
        assertEquals(1, g.vrrpGarpMasterRefreshRepeat());
        assertEquals(3, g.vrrpDownTimerAdverts());
        assertEquals("eth0", g.defaultInterface());
        assertEquals(Duration.ofSeconds(10), g.startupScriptTimeout());
        assertEquals(Duration.ofSeconds(10), g.shutdownScriptTimeout());
        assertEquals(Duration.ZERO, g.vrrpGarpInterval());
        assertEquals(25, g.smtpPort());
        GlobalDefs lower = load("global_defs {\n vrrp_garp_master_delay 7\n vrrp_garp_master_repeat 2\n}\n")
                .globalDefs();
        assertEquals(Duration.ofSeconds(7), lower.vrrpGarpLowerPrioDelay());
        assertEquals(2, lower.vrrpGarpLowerPrioRepeat());
        readmeSays("global_defs", "smtp_connect_timeout", "30 s");
        readmeSays("global_defs", "vrrp_version", "2");
        readmeSays("global_defs", "vrrp_mcast_group4", "`224.0.0.18`");
        readmeSays("global_defs", "vrrp_garp_master_delay", "5 s");
        readmeSays("global_defs", "vrrp_garp_master_repeat", "5");
        readmeSays("global_defs", "vrrp_garp_master_refresh_repeat", "1");
        readmeSays("global_defs", "vrrp_garp_lower_prio_delay", "`vrrp_garp_master_delay`");
        readmeSays("global_defs", "vrrp_garp_lower_prio_repeat", "`vrrp_garp_master_repeat`");
        readmeSays("global_defs", "vrrp_down_timer_adverts", "3");
        readmeSays("global_defs", "default_interface", "`eth0`");
        readmeSays("global_defs", "startup_script_timeout", "10 s");
        readmeSays("global_defs", "shutdown_script_timeout", "10 s");
        readmeSays("global_defs", "vrrp_garp_interval", "0");
    }

    @Test
    void vrrpScriptDefaults() {
        VrrpScript s = load("vrrp_script chk {\n script /bin/true\n}\n").vrrpScripts().get(0);
        assertEquals(Duration.ofSeconds(1), s.interval());
        assertEquals(s.interval(), s.timeout());
        assertEquals(0, s.weight());
        assertEquals(1, s.rise());
        assertEquals(1, s.fall());
        assertFalse(s.initFail());
        assertEquals(Duration.ofSeconds(4),
                load("vrrp_script chk {\n script /bin/true\n interval 4\n}\n").vrrpScripts().get(0).timeout());
        readmeSays("vrrp_script", "interval", "1 s");
        readmeSays("vrrp_script", "timeout", "`interval`");
        readmeSays("vrrp_script", "weight", "0");
        readmeSays("vrrp_script", "rise", "1");
        readmeSays("vrrp_script", "fall", "1");
    }

    private static VirtualServer virtualServer(String vsBody, String rsBody) {
        return load("virtual_server 192.0.2.1 80 {\n" + vsBody + "\n real_server 192.0.2.2 80 {\n" + rsBody
                + "\n }\n}\n").virtualServers().get(0);
    }

    @Test
    void virtualServerDefaults() {
        VirtualServer vs = virtualServer("protocol TCP", "");
        assertEquals(Duration.ofSeconds(60), vs.delayLoop());
        assertEquals("wlc", vs.scheduler());
        assertEquals(ForwardingMethod.NAT, vs.method());
        assertNull(vs.persistenceTimeout());
        assertEquals(1, vs.quorum());
        assertEquals(0, vs.hysteresis());
        assertEquals("UDP", virtualServer("", "").protocol());
        assertEquals(Duration.ofSeconds(360), virtualServer("persistence_timeout", "").persistenceTimeout());
        RealServer rs = vs.realServers().get(0);
        assertEquals(1, rs.weight());
        assertEquals(ForwardingMethod.NAT, rs.method());
        assertEquals(3, virtualServer("weight 3", "").realServers().get(0).weight());
        readmeSays("virtual_server", "delay_loop", "60 s");
        readmeSays("virtual_server", "lb_algo", "`wlc`");
        readmeSays("virtual_server", "lb_kind", "`NAT`");
        readmeSays("virtual_server", "protocol", "`UDP`");
        readmeSays("virtual_server", "persistence_timeout", "bare keyword: 360 s");
        readmeSays("virtual_server", "quorum", "1");
        readmeSays("virtual_server", "hysteresis", "0");
        readmeSays("virtual_server", "weight", "1");
        readmeSays("real_server", "weight", "the virtual server's `weight` (1)");
        readmeSays("real_server", "lvs_method", "the virtual server's `lb_kind`");
    }

    private static Checker checker(String block) {
        return virtualServer("protocol TCP", block).realServers().get(0).checkers().get(0);
    }

    @Test
    void checkerDefaults() {
        CheckerCommon tcp = checker("TCP_CHECK {\n}").common();
        assertEquals(Duration.ofSeconds(5), tcp.connectTimeout());
        assertEquals(1, tcp.retry());
        assertEquals(Duration.ofSeconds(1), tcp.delayBeforeRetry());
        assertEquals(Duration.ofSeconds(60), tcp.delayLoop());
        assertEquals(80, tcp.connectPort());
        assertEquals("192.0.2.2", tcp.connectIp().getHostAddress());
        assertNull(tcp.warmup(), "warmup stays unset: keepalived picks a random delay up to delay_loop");
        Checker.HttpCheck http = (Checker.HttpCheck) checker("HTTP_GET {\n url {\n path /\n }\n}");
        assertEquals(1, http.common().retry());
        assertEquals(Duration.ofSeconds(3), http.common().delayBeforeRetry());
        assertEquals("1.0", http.httpProtocol());
        UrlCheck url = http.urls().get(0);
        assertEquals(List.of(new UrlCheck.StatusRange(200, 299)), url.statusCodes());
        Checker.DnsCheck dns = (Checker.DnsCheck) checker("DNS_CHECK {\n}");
        assertEquals(3, dns.common().retry());
        assertEquals(dns.common().delayLoop(), dns.common().delayBeforeRetry());
        assertEquals("SOA", dns.type());
        assertEquals(".", dns.name());
        Checker misc = checker("MISC_CHECK {\n misc_path /bin/true\n}");
        assertEquals(0, misc.common().retry());
        assertEquals(Duration.ofSeconds(1), misc.common().delayBeforeRetry());
        assertEquals(Duration.ofSeconds(9), virtualServer("protocol TCP\n delay_loop 9", "TCP_CHECK {\n}")
                .realServers().get(0).checkers().get(0).common().delayLoop());
        assertEquals(Duration.ofSeconds(7), virtualServer("protocol TCP\n delay_loop 9",
                "delay_loop 7\n TCP_CHECK {\n}").realServers().get(0).checkers().get(0).common().delayLoop());
        String connecting = "TCP_CHECK";
        readmeSays(connecting, "connect_timeout", "5 s");
        readmeSays(connecting, "retry", "1 (`DNS_CHECK` 3)");
        readmeSays(connecting, "delay_before_retry", "1 s (`HTTP_GET`/`SSL_GET` 3 s, `DNS_CHECK` its `delay_loop`)");
        readmeSays(connecting, "delay_loop", "the virtual server's (60 s)");
        readmeSays(connecting, "connect_port", "the real server's port");
        readmeSays(connecting, "connect_ip", "the real server's address");
        readmeSays(connecting, "warmup", "random 0..`delay_loop`");
        readmeSays("HTTP_GET", "http_protocol", "`1.0`");
        readmeSays("url", "status_code", "`200-299`");
        readmeSays("DNS_CHECK", "type", "`SOA`");
        readmeSays("DNS_CHECK", "name", "`.`");
        readmeSays("MISC_CHECK", "retry", "0");
        readmeSays("MISC_CHECK", "delay_before_retry", "1 s");
    }
    @Test
    void missingSchedulerForwardingMethodAndProtocolAreReportedAsTheReadmeSays() {
        LoadResult r = ConfigLoader.load(Path.of("/nonexistent/keepalived.conf"),
                "virtual_server 192.0.2.1 80 {\n real_server 192.0.2.2 80 {\n }\n}\n", new LoadOptions("test", false));
        List<String> messages = r.diagnostics().stream().map(Diagnostic::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m.endsWith("no scheduler set, setting default 'wlc'")),
                messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.endsWith("no forwarding method set, setting default NAT")),
                messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.endsWith("no protocol set - defaulting to UDP")),
                messages::toString);
        readmeSays("virtual_server", "lb_algo", "(reported when missing)");
        readmeSays("virtual_server", "lb_kind", "(reported when missing)");
        readmeSays("virtual_server", "protocol", "(reported when missing");
    }

    @Test
    void smtpAlertAndAcceptDefaults() {
        VirtualServer vs = virtualServer("protocol TCP", "");
        assertFalse(vs.smtpAlert());
        assertTrue(vs.realServers().get(0).smtpAlert());
        VirtualServer quiet = load("global_defs {\n smtp_alert false\n}\nvirtual_server 192.0.2.1 80 {\n protocol TCP\n"
                + " real_server 192.0.2.2 80 {\n }\n}\n").virtualServers().get(0);
        assertFalse(quiet.realServers().get(0).smtpAlert());
        assertFalse(instance("").smtpAlert());
        assertTrue(load("global_defs {\n smtp_alert_vrrp true\n}\nvrrp_instance VI {\n" + INSTANCE + "}\n")
                .vrrpInstances().get(0).smtpAlert());
        assertFalse(instance("strict_mode true").accept(), "strict mode turns accept off for a non-owner");
        assertTrue(instance("strict_mode true\n priority 255").accept());
        readmeSays("virtual_server", "smtp_alert", "`smtp_alert_checker`, else `smtp_alert`, else off");
        readmeSays("real_server", "smtp_alert", "`smtp_alert_checker`, else `smtp_alert`, else on");
        readmeSays("vrrp_instance", "smtp_alert", "`smtp_alert_vrrp`, else `smtp_alert`, else off");
        readmeSays("vrrp_instance", "accept", "on, unless strict mode (then only for the address owner)");
    }

    @Test
    void trackerAndGarpGroupDefaults() {
        KeepalivedConfig c = load("track_file tf {\n file /tmp/x\n}\nvrrp_track_process p {\n process sshd\n}\n"
                + "garp_group {\n interface lo\n}\n");
        assertEquals(1, c.trackFiles().get(0).weight());
        assertNull(c.trackFiles().get(0).initValue());
        assertEquals(1, c.trackProcesses().get(0).quorum());
        assertEquals(0, c.trackProcesses().get(0).weight());
        assertEquals(Duration.ZERO, c.garpGroups().get(0).garpInterval());
        assertEquals(Duration.ZERO, c.garpGroups().get(0).gnaInterval());
        readmeSays("track_file", "weight", "1");
        readmeSays("track_file", "init_file", "none");
        readmeSays("vrrp_track_process", "quorum", "1");
        readmeSays("vrrp_track_process", "weight", "0");
        readmeSays("garp_group", "garp_interval", "0");
        readmeSays("garp_group", "gna_interval", "0");
    }

    @Test
    void kindSpecificCheckerDefaults() {
        Checker.FileCheck file = (Checker.FileCheck) load("track_file tf {\n file /tmp/x\n}\n"
                + "virtual_server 192.0.2.1 80 {\n protocol TCP\n real_server 192.0.2.2 80 {\n"
                + "  FILE_CHECK {\n   track_file tf\n  }\n }\n}\n").virtualServers().get(0).realServers().get(0)
                .checkers().get(0);
        assertEquals(1, file.weight());
        assertFalse(file.dynamic());
        Checker.UdpCheck udp = (Checker.UdpCheck) checker("UDP_CHECK {\n}");
        assertFalse(udp.requireReply());
        assertEquals(0, udp.minReplyLength());
        assertEquals(0, udp.maxReplyLength());
        Checker.MiscCheck misc = (Checker.MiscCheck) checker("MISC_CHECK {\n misc_path /bin/true\n}");
        assertNull(misc.timeout(), "misc_timeout stays unset: keepalived uses delay_loop");
        assertFalse(misc.dynamic());
        Checker.HttpCheck http = (Checker.HttpCheck) checker("HTTP_GET {\n url {\n path /\n }\n}");
        assertNull(http.urls().get(0).digest());
        assertFalse(http.enableSni());
        readmeSays("FILE_CHECK", "weight", "1");
        readmeSays("FILE_CHECK", "dynamic", "off");
        readmeSays("UDP_CHECK", "require_reply", "off");
        readmeSays("UDP_CHECK", "min_reply_length", "0");
        readmeSays("UDP_CHECK", "max_reply_length", "0");
        readmeSays("MISC_CHECK", "misc_timeout", "`delay_loop`");
        readmeSays("url", "digest", "none");
        readmeSays("HTTP_GET", "enable_sni", "off");
    }

    @Test
    void unsupportedKeywordsKeepTheConfigTestGreenAndUnknownOnesDoNot() {
        LoadOptions opts = new LoadOptions("test", false);
        Path file = Path.of("/nonexistent/keepalived.conf");
        assertEquals(0, ConfigLoader.load(file, "global_defs {\n umask 022\n}\n", opts).configTestExitCode(),
                "README: recognised but not supported yet - vigil -t still exits 0");
        assertEquals(5, ConfigLoader.load(file, "global_defs {\n no_such_keyword 1\n}\n", opts).configTestExitCode(),
                "README: unknown keywords - vigil -t exits 5");
    }
}
