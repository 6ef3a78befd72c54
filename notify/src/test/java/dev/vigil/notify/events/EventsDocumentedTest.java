package dev.vigil.notify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every event emitted anywhere in the codebase is documented in docs/events.md: scans every module's src/main/java
 * for {@code EventLog.emit(...)} / {@code EventLog.emitWarning(...)} calls, whose first argument must be a string
 * literal.
 */
class EventsDocumentedTest {
    private static final Pattern CALL = Pattern.compile("EventLog\\s*\\.\\s*(?:emit|emitWarning)\\s*\\(\\s*");
    /** After {@code import static ...EventLog.*}, a bare {@code emit(} is a call too. */
    private static final Pattern STATIC_IMPORT = Pattern.compile("import\\s+static\\s+dev\\.vigil\\.notify\\.events"
            + "\\.EventLog\\.");
    private static final Pattern BARE_CALL = Pattern.compile(
            "(?:EventLog\\s*\\.\\s*|(?<![.\\w]))(?:emit|emitWarning)\\s*\\(\\s*");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\]+)\"");
    private static final Pattern HEADING = Pattern.compile("(?m)^###\\s+`([^`]+)`\\s*$");

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/events.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/events.md not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Set<String> documented(Path root) throws IOException {
        Matcher m = HEADING.matcher(Files.readString(root.resolve("docs/events.md")));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Each call site as "file:line: name", or "file:line: <not a literal>" when the name is computed. */
    static List<String[]> emitted(Path root) throws IOException {
        List<String[]> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root)) {
            sources = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> !p.getFileName().toString().equals("EventLog.java"))
                    .collect(Collectors.toList());
        }
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher call = (STATIC_IMPORT.matcher(text).find() ? BARE_CALL : CALL).matcher(text);
            while (call.find()) {
                int line = (int) text.substring(0, call.start()).chars().filter(c -> c == '\n').count() + 1;
                Matcher literal = LITERAL.matcher(text);
                String where = root.relativize(source) + ":" + line;
                if (literal.find(call.end()) && literal.start() == call.end()) {
                    found.add(new String[] {where, literal.group(1)});
                } else {
                    found.add(new String[] {where, null});
                }
            }
        }
        return found;
    }

    @Test
    void everyEmittedEventIsDocumented() throws IOException {
        Path root = repositoryRoot();
        Set<String> documented = documented(root);
        List<String[]> calls = emitted(root);
        assertTrue(calls.size() >= 3, "the scan found the notify module's own events: " + calls.size());
        List<String> problems = new ArrayList<>();
        for (String[] call : calls) {
            if (call[1] == null) {
                problems.add(call[0] + ": event name must be a string literal");
            } else if (!documented.contains(call[1])) {
                problems.add(call[0] + ": event '" + call[1] + "' is not documented in docs/events.md");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theScanCatchesAnUndocumentedEvent(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(tmp.resolve("docs/events.md"), "### `vrrp.state_change`\n");
        Path src = tmp.resolve("vrrp/src/main/java/x/A.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "class A { void f() {\n EventLog.emit(\"vrrp.state_change\", m);\n"
                + " EventLog.emitWarning( \"vrrp.secret_event\", m, null);\n EventLog.emit(NAME, m); } }");
        Path statics = src.resolveSibling("B.java");
        Files.writeString(statics, "import static dev.vigil.notify.events.EventLog.emit;\n"
                + "class B { void f() { emit(\"check.hidden\", m); x.emit(\"not.ours\"); EventLog.emit(\"check.b\", m); } }");
        List<String[]> all = emitted(tmp);
        List<String[]> calls = all.stream().filter(c -> c[0].contains("A.java")).toList();
        List<String[]> fromB = all.stream().filter(c -> c[0].contains("B.java")).toList();
        assertEquals(List.of("check.hidden", "check.b"), fromB.stream().map(c -> c[1]).toList(), "static import");
        Set<String> documented = documented(tmp);
        assertTrue(calls.size() == 3);
        assertTrue(documented.contains(calls.get(0)[1]));
        assertTrue(calls.get(1)[1].equals("vrrp.secret_event") && !documented.contains("vrrp.secret_event"));
        assertTrue(calls.get(1)[0].endsWith("A.java:3"), calls.get(1)[0]);
        assertTrue(calls.get(2)[1] == null, "a computed name is reported");
    }
}
