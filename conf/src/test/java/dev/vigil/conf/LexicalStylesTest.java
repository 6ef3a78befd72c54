package dev.vigil.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same configuration written in each of keepalived's lexical styles reads the same. */
class LexicalStylesTest {
    @TempDir
    Path tmp;

    private static KeepalivedConfig clean(String fixture, String configId) {
        LoadResult r = ConfigLoader.load(Fixtures.file(fixture), new LoadOptions(configId, false));
        assertEquals(List.of(), r.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).toList());
        return r.config();
    }

    private LoadResult inline(String text, String configId) throws IOException {
        Path f = tmp.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigLoader.load(f, new LoadOptions(configId, false));
    }

    private static List<String> vips(VrrpInstance i) {
        return i.virtualIpAddresses().stream().map(a -> a.cidr().toString()).toList();
    }

    @Test
    void bracesOnOneLine() {
        VrrpInstance i = clean("lexical/one-line-blocks.conf", "x").vrrpInstances().get(0);
        assertEquals(VrrpState.MASTER, i.state());
        assertEquals(150, i.priority());
        assertEquals("secret", i.authentication().password());
        assertEquals(List.of("10.0.0.1/32"), vips(i));
    }

    @Test
    void braceOnNextLine() {
        KeepalivedConfig c = clean("lexical/brace-next-line.conf", "x");
        assertEquals("nextline", c.globalDefs().routerId());
        assertEquals(List.of("10.0.0.2/32"), vips(c.vrrpInstances().get(0)));
    }

    @Test
    void mixedStyles() {
        KeepalivedConfig c = clean("lexical/mixed-styles.conf", "x");
        assertEquals("mixed", c.globalDefs().routerId());
        assertEquals(60, c.vrrpInstances().get(0).virtualRouterId());
        assertEquals(List.of("10.0.6.1/32"), vips(c.vrrpInstances().get(0)));
    }

    @Test
    void commentsAndEscapes() {
        KeepalivedConfig c = clean("lexical/comments.conf", "x");
        assertEquals("name # not a comment", c.globalDefs().routerId());
        assertEquals("a#b@example.com", c.globalDefs().notificationEmailFrom());
        assertEquals(List.of("10.0.0.3/32"), vips(c.vrrpInstances().get(0)));
    }

    @Test
    void quotedStrings() {
        KeepalivedConfig c = clean("lexical/quotes.conf", "x");
        assertEquals("router with spaces", c.globalDefs().routerId());
        assertEquals("/bin/true 'a b' c", c.vrrpScripts().get(0).script());
        assertEquals("/bin/true {braces} inside quotes", c.vrrpInstances().get(0).notifies().master().command());
    }

    @Test
    void includesWithGlobsBracesAndNesting() {
        KeepalivedConfig c = clean("lexical/include-main.conf", "x");
        assertEquals(List.of("VI_INC1", "VI_INCA", "VI_INCB"),
                c.vrrpInstances().stream().map(VrrpInstance::name).toList());
        assertEquals(List.of("10.0.5.1/32", "10.0.5.2/32"), vips(c.vrrpInstances().get(0)),
                "include inside a block, relative to the including file");
    }

    @Test
    void parametersIncludingMultiLine() {
        KeepalivedConfig c = clean("lexical/params.conf", "x");
        VrrpInstance i = c.vrrpInstances().get(0);
        assertEquals("VI_58", i.name());
        assertEquals(58, i.virtualRouterId());
        assertEquals(120, i.priority());
        assertEquals("eth0", i.interfaceName());
        assertEquals(List.of("10.0.8.1/32", "10.0.8.2/32"), vips(i));
        assertEquals("host#1", c.globalDefs().routerId());
    }

    @Test
    void conditionalLinesFollowTheConfigId() {
        VrrpInstance lb1 = clean("lexical/conditional.conf", "lb1").vrrpInstances().get(0);
        assertEquals(150, lb1.priority());
        assertEquals(VrrpState.MASTER, lb1.state());
        VrrpInstance lb2 = clean("lexical/conditional.conf", "lb2").vrrpInstances().get(0);
        assertEquals(100, lb2.priority());
        assertEquals(VrrpState.BACKUP, lb2.state());
    }

    @Test
    void sequenceAndListGenerators() {
        KeepalivedConfig c = clean("lexical/seq.conf", "x");
        assertEquals(List.of("VI_1", "VI_2", "VI_3"), c.vrrpInstances().stream().map(VrrpInstance::name).toList());
        assertEquals(List.of("10.1.2.1/32"), vips(c.vrrpInstances().get(1)));
        assertEquals(List.of("10.9.0.1/32", "10.9.0.2/32"),
                c.staticIpAddresses().stream().map(a -> a.cidr().toString()).toList());
        assertEquals(List.of("10.11.0.0/16", "10.12.0.0/16", "10.21.0.0/16", "10.22.0.0/16"),
                c.staticRoutes().stream().map(r -> r.destination().toString()).toList(), "nested ~SEQ");
    }

    @Test
    void hexSequenceStepAndPredefinedParameters() throws IOException {
        LoadResult r = inline("""
                ~SEQx(h, 9, 3, 15) static_ipaddress { 2001:db8::${h} dev eth0 }
                static_routes { 10.${_RANDOM 7 7}.0.0/16 dev eth0 }
                global_defs { router_id "${_INSTANCE}-${_BANG}x" }
                """, "node7");
        assertEquals(List.of(), r.diagnostics());
        assertEquals(List.of("2001:db8::9/128", "2001:db8::c/128", "2001:db8::f/128"),
                r.config().staticIpAddresses().stream().map(a -> a.cidr().toString()).toList());
        assertEquals("10.7.0.0/16", r.config().staticRoutes().get(0).destination().toString());
        assertEquals("node7-!x", r.config().globalDefs().routerId());
    }

    @Test
    void pwdIsTheIncludingFilesDirectory() throws IOException {
        Files.createDirectories(tmp.resolve("sub"));
        Files.writeString(tmp.resolve("sub/inner.conf"), "global_defs { router_id ${_PWD} }\n");
        LoadResult r = inline("include sub/inner.conf\n", "x");
        assertEquals(tmp.resolve("sub").toAbsolutePath().toString(), r.config().globalDefs().routerId());
    }

    @Test
    void unquotedHashFromAParameterStartsAComment() throws IOException {
        // keepalived re-removes comments after substitution (checked with keepalived -t: VRID "5${_HASH}0" is 5)
        LoadResult r = inline("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 5${_HASH}0\n"
                + " virtual_ipaddress {\n 10.0.0.1\n }\n}\n", "x");
        assertEquals(List.of(), r.diagnostics());
        assertEquals(5, r.config().vrrpInstances().get(0).virtualRouterId());
    }

    @Test
    void undefinedParametersStayAsWritten() throws IOException {
        LoadResult r = inline("global_defs {\n router_id $UNDEFINED\n}\n", "x");
        assertEquals("$UNDEFINED", r.config().globalDefs().routerId());
    }

    @Test
    void selfReferenceAndMutualReferenceTerminate() throws IOException {
        LoadResult r = inline("$A=$B\n$B=$A x\nglobal_defs {\n router_id $A\n}\n", "x");
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("does not stop expanding")),
                r.diagnostics().toString());
    }

    @Test
    void runawayGeneratorIsCapped() throws IOException {
        LoadResult r = inline("~SEQ(i, 1, 1000000000) static_routes { 10.0.0.0/8 dev eth0 }\n", "x");
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("expands to more than")));
    }
}
