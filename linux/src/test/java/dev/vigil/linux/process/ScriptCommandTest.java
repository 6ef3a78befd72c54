package dev.vigil.linux.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptCommandTest {

    private static List<String> argv(String s) {
        return ScriptCommand.parse(s).argv();
    }

    @Test
    void splitsOnAnyWhiteSpace() {
        assertEquals(List.of("/bin/x", "a", "b"), argv("  /bin/x \t a\fb  "));
    }

    @Test
    void singleQuotesKeepSpacesInOneArgument() {
        assertEquals(List.of("/bin/x", "a b", "c"), argv("/bin/x 'a b' c"));
    }

    @Test
    void doubleQuotesInsideTheScriptStringAlsoGroup() {
        assertEquals(List.of("/bin/x", "a 'b' c"), argv("/bin/x \"a 'b' c\""));
    }

    @Test
    void quotesJoinWithAdjacentText() {
        assertEquals(List.of("/bin/x", "--opt=a b"), argv("/bin/x --opt='a b'"));
    }

    @Test
    void decodesEscapes() {
        assertEquals(List.of("a\nb", "c\td", "\\", "\"", "'"), argv("a\\nb c\\td \\\\ \\\" \\'"));
        assertEquals(List.of("A", "J", "A"), argv("\\x41 \\x4a \\101"));
        assertEquals(List.of("\u0003", "\u001b", "\u000b"), argv("\\cC \\E \\v"));
    }

    @Test
    void escapesWorkInsideQuotes() {
        assertEquals(List.of("a\tb c"), argv("'a\\tb c'"));
        assertEquals(List.of("it's"), argv("'it\\'s'"));
    }

    @Test
    void escapedSpaceDoesNotSplit() {
        assertEquals(List.of("/bin/x", "a b"), argv("/bin/x a\\ b"));
    }

    @Test
    void octalStopsAfterThreeDigitsAndHexTakesTheLowByte() {
        assertEquals(List.of("\n4"), argv("\\0124"));
        assertEquals(List.of("\u0034"), argv("\\x1234"));
    }

    @Test
    void emptyQuotesMakeAnEmptyArgument() {
        assertEquals(List.of("/bin/x", "", "y"), argv("/bin/x '' y"));
    }

    @Test
    void unmatchedQuoteIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> argv("/bin/x 'a b"));
        assertEquals("String '/bin/x 'a b': missing terminating '", e.getMessage());
    }

    @Test
    void trailingBackslashIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> argv("/bin/x a\\"));
        assertEquals("Missing escape char at end: '/bin/x a\\'", e.getMessage());
    }

    @Test
    void blankStringIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> argv("   "));
    }

    @Test
    void carriesUserAndGroup() {
        ScriptCommand c = ScriptCommand.parse("/bin/true", "nobody", "nogroup");
        assertEquals("nobody", c.user());
        assertEquals("nogroup", c.group());
        assertNull(ScriptCommand.parse("/bin/true").user());
        assertEquals(List.of("/n.sh", "INSTANCE", "VI_1"),
                ScriptCommand.parse("/n.sh").withExtraArgs(List.of("INSTANCE", "VI_1")).argv());
    }

    @Test
    void redirectionShellCommandIsNotQuoted() {
        ResolvedScript r = new ResolvedScript(List.of("</dev/tcp/127.0.0.1/80"), true, PosixUser.current());
        assertEquals("</dev/tcp/127.0.0.1/80", r.shellCommand());
        ResolvedScript q = new ResolvedScript(List.of("/x", "it's", "a b"), true, PosixUser.current());
        assertEquals("'/x' 'it'\\''s' 'a b'", q.shellCommand());
    }
}
