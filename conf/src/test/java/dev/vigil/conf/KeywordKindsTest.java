package dev.vigil.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins how every modelled keyword is written, block by block: a value (a block after it is "Unexpected '{'"),
 * a value block (no words after the keyword: "extra parameters") or a block (words allowed). The parsers declare
 * these kinds as data apart from their handlers, so a keyword moved to the wrong list would still parse valid
 * configurations but lose keepalived's diagnostics; this test notices.
 */
class KeywordKindsTest {
    /** The keywords written with a block, per block; every other modelled keyword is a value. */
    private static final Map<String, Set<String>> VALUE_BLOCKS = Map.of(
            "top level", Set.of("static_ipaddress", "static_routes", "static_rules"),
            "global_defs", Set.of("notification_email"),
            "vrrp_instance", Set.of("virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes",
                    "virtual_rules", "unicast_peer", "track_interface", "track_script", "track_file", "track_process",
                    "track_bfd"),
            "vrrp_sync_group", Set.of("group", "track_interface", "track_script", "track_file", "track_process"),
            "garp_group", Set.of("interfaces"));

    private static final Set<String> CHECKERS = Set.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK",
            "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");

    private static final Map<String, Set<String>> BLOCKS = Map.of(
            "top level", Set.of("global_defs", "vrrp_instance", "vrrp_sync_group", "vrrp_script", "track_file",
                    "vrrp_track_file", "vrrp_track_process", "garp_group", "virtual_server_group", "virtual_server",
                    "SSL"),
            "vrrp_instance", Set.of("authentication"),
            "virtual_server", Set.of("real_server"),
            "real_server", CHECKERS,
            "HTTP_GET", Set.of("url"),
            "SSL_GET", Set.of("url"));

    @Test
    void everyModelledKeywordKeepsItsKind() {
        Map<String, String> wrong = new TreeMap<>();
        int checked = 0;
        for (String block : KeywordProbe.WRAPPERS.keySet()) {
            for (String keyword : KeywordProbe.probe(block).modelled()) {
                boolean valueBlock = VALUE_BLOCKS.getOrDefault(block, Set.of()).contains(keyword);
                boolean isBlock = BLOCKS.getOrDefault(block, Set.of()).contains(keyword);
                boolean value = !valueBlock && !isBlock;
                String where = block + " / " + keyword;
                expect(wrong, where + " {}", value, messages(block, keyword + " {\n}"),
                        "Unexpected '{' after '" + keyword + "' - ignoring the block");
                expect(wrong, where + " without a block", !value, messages(block, keyword),
                        "Missing '{' at beginning of configuration block");
                expect(wrong, where + " x {}", valueBlock, messages(block, keyword + " x {\n}"),
                        "Block " + keyword + " has extra parameters x ...");
                checked++;
            }
        }
        assertEquals(Map.of(), wrong);
        assertTrue(checked > 200, "only " + checked + " keywords probed");
    }

    @Test
    void valueWithBlockAndValueBlockWithWordsOrWithoutBrace() {
        assertEquals(List.of(
                "3:5: error: Unexpected '{' after 'interface' - ignoring the block",
                "6:23: error: Block virtual_ipaddress has extra parameters 192.0.2.9 ...",
                "9:5: error: Missing '{' at beginning of configuration block"), diagnostics("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0 {
                    }
                    virtual_router_id 51
                    virtual_ipaddress 192.0.2.9 {
                        192.0.2.10/24
                    }
                    track_process
                }
                """));
    }

    private static void expect(Map<String, String> wrong, String what, boolean expected, List<String> messages,
            String message) {
        if (messages.contains(message) != expected) {
            wrong.put(what, (expected ? "missing " : "unexpected ") + message + " in " + messages);
        }
    }

    private static List<String> messages(String block, String lines) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : load(String.format(KeywordProbe.WRAPPERS.get(block), lines)).diagnostics()) {
            out.add(d.message());
        }
        return out;
    }

    private static List<String> diagnostics(String text) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : load(text).diagnostics()) {
            String s = d.toString();
            if (s.contains("'{'") || s.contains("extra parameters")) {
                out.add(s.substring(s.indexOf(':') + 1));
            }
        }
        return out;
    }

    private static LoadResult load(String text) {
        return ConfigLoader.load(Path.of("/nonexistent/kinds.conf"), text, new LoadOptions("kinds", false));
    }
}
