package dev.vigil.conf.parse;

import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.Severity;
import dev.vigil.conf.SourcePos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * keepalived's line-level preprocessing (lib/parser.c {@code read_line()}): reads the file and its includes,
 * removes comments, keeps or drops {@code @id} conditional lines, records {@code $NAME=value} parameters and
 * substitutes them, and expands {@code ~SEQ}/{@code ~LST} generators. The output is the list of logical lines
 * keepalived's keyword parser would see, each with the place it came from.
 *
 * <p>Unlike keepalived, include cycles, self-referencing parameters and runaway generators are reported as
 * errors instead of hanging or overflowing.
 */
public final class Preprocessor {

    /** One logical line ready for tokenising: {@code column} is where {@code text} starts in the file line. */
    public record Line(String text, SourcePos pos) {
    }

    /** keepalived's MAXBUF: the longest line it reads. */
    static final int MAX_LINE = 1024;
    private static final int MAX_LINES = 100_000;
    private static final int MAX_FILES = 2_000;
    private static final int MAX_INCLUDE_DEPTH = 64;
    private static final int MAX_SUBSTITUTIONS = 512;
    private static final int MAX_GENERATOR_DEPTH = 16;

    private final LoadOptions options;
    private final Reporter reporter;
    private final String configId;
    private final List<Line> out = new ArrayList<>();
    private final Map<String, Definition> defs = new HashMap<>();
    private final Deque<Path> includeStack = new ArrayDeque<>();
    private final SplittableRandom random = new SplittableRandom();
    private int filesOpened;
    private boolean lineLimitReported;
    private Path currentDir;

    /** A parameter's value; multi-line definitions (trailing backslash) hold several lines. */
    private record Definition(List<String> lines) {
        Definition {
            lines = lines.isEmpty() ? List.of("") : List.copyOf(lines);
        }

        boolean multiline() {
            return lines.size() > 1;
        }
    }

    public Preprocessor(LoadOptions options, String configId, Reporter reporter) {
        this.options = options;
        this.configId = configId;
        this.reporter = reporter;
    }

    /** Reads {@code file} and everything it includes. A missing main file gives keepalived's message, no lines. */
    public List<Line> read(Path file) {
        if (!Files.isRegularFile(file)) {
            reporter.report(Severity.FATAL, new SourcePos(file.toString(), 0, 0), file.toString(),
                    "Config files missing '" + file + "'.");
            return out;
        }
        readFile(file, file.toString(), new SourcePos(file.toString(), 0, 0));
        return out;
    }

    /**
     * Reads {@code content} as if it were the contents of {@code file} (includes are still resolved relative to
     * the file's directory, on disk).
     */
    public List<Line> read(Path file, String content) {
        Path real = file.toAbsolutePath().normalize();
        Path parent = real.getParent();
        currentDir = parent != null ? parent : Path.of("/");
        includeStack.push(real);
        filesOpened++;
        try {
            readLines(content, file.toString());
        } finally {
            includeStack.pop();
        }
        return out;
    }

    private void readFile(Path file, String displayName, SourcePos includedAt) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException | RuntimeException e) {
            real = file.toAbsolutePath().normalize();
        }
        if (includeStack.contains(real)) {
            StringBuilder chain = new StringBuilder();
            for (var it = includeStack.descendingIterator(); it.hasNext(); ) {
                chain.append(it.next()).append(" -> ");
            }
            reporter.error(includedAt, displayName,
                    "include cycle: " + chain + real + " - not including it again");
            return;
        }
        if (includeStack.size() >= MAX_INCLUDE_DEPTH || ++filesOpened > MAX_FILES) {
            reporter.error(includedAt, displayName,
                    "too many nested or repeated includes - not including '" + displayName + "'");
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            reporter.report(Severity.FATAL, new SourcePos(displayName, 0, 0), displayName,
                    "Configuration file '" + displayName + "' open problem (" + e.getMessage() + ") - skipping");
            return;
        }
        Path savedDir = currentDir;
        Path parent = file.toAbsolutePath().getParent();
        currentDir = parent != null ? parent : Path.of("/");
        includeStack.push(real);
        try {
            readLines(new String(bytes, StandardCharsets.UTF_8), displayName);
        } finally {
            includeStack.pop();
            currentDir = savedDir;
        }
    }

    private void readLines(String content, String fileName) {
        String[] raw = content.split("\n", -1);
        String multilineName = null;
        List<String> multilineValue = null;
        for (int i = 0; i < raw.length; i++) {
            String rawLine = stripLineEnd(raw[i]);
            int lineNo = i + 1;
            if (rawLine.isEmpty() && i == raw.length - 1) {
                break;
            }
            int indent = leadingBlanks(rawLine);
            SourcePos pos = new SourcePos(fileName, lineNo, indent + 1);
            String text = decomment(rawLine, pos);
            if (multilineName != null) {
                boolean more = text.endsWith("\\");
                String part = more ? text.substring(0, text.length() - 1).stripTrailing() : text;
                if (!part.isEmpty()) {
                    multilineValue.add(part);
                }
                if (!more || text.isEmpty()) {
                    defs.put(multilineName, new Definition(List.copyOf(multilineValue)));
                    multilineName = null;
                }
                continue;
            }
            if (text.isEmpty()) {
                continue;
            }
            if (rawLine.length() > MAX_LINE) {
                reporter.warning(pos, "", "line longer than " + MAX_LINE + " characters - keepalived truncates it");
            }
            String defName = definitionName(text);
            if (defName != null) {
                String value = definitionValue(text);
                if (value.endsWith("\\")) {
                    multilineName = defName;
                    multilineValue = new ArrayList<>();
                    String first = value.substring(0, value.length() - 1).stripTrailing();
                    if (!first.isEmpty()) {
                        multilineValue.add(first);
                    }
                } else {
                    defs.put(defName, new Definition(List.of(value)));
                }
                continue;
            }
            processLine(text, pos, 0);
        }
        if (multilineName != null) {
            defs.put(multilineName, new Definition(List.copyOf(multilineValue)));
        }
    }

    /** Everything keepalived does to one line after reading and decommenting it. */
    private void processLine(String text, SourcePos pos, int depth) {
        String line = text;
        List<String> extraLines = List.of();
        for (int round = 0; round < 8; round++) {
            boolean recheck = false;
            if (line.startsWith("@")) {
                line = conditional(line);
                if (line == null) {
                    return;
                }
            }
            String defName = definitionName(line);
            if (defName != null) {
                defs.put(defName, new Definition(List.of(definitionValue(line))));
                return;
            }
            if (line.startsWith("~SEQ") || line.startsWith("~LST")) {
                generate(line, pos, depth);
                return;
            }
            if (line.startsWith("~")) {
                break;
            }
            if (line.indexOf('$') >= 0) {
                Substitution s = substitute(line, pos);
                if (s == null) {
                    break;
                }
                line = decomment(s.text, pos);
                extraLines = s.extraLines;
                recheck = true;
                if (line.isEmpty()) {
                    break;
                }
            }
            if (!recheck) {
                break;
            }
        }
        if (!line.isEmpty() && !include(line, pos)) {
            emit(line, pos);
        }
        for (String extra : extraLines) {
            String d = decomment(extra, pos);
            if (!d.isEmpty()) {
                processLine(d, pos, depth + 1);
            }
        }
    }

    private void emit(String line, SourcePos pos) {
        if (out.size() >= MAX_LINES) {
            if (!lineLimitReported) {
                lineLimitReported = true;
                reporter.error(pos, "", "configuration expands to more than " + MAX_LINES + " lines - ignoring the rest");
            }
            return;
        }
        out.add(new Line(line, pos));
    }

    // ---- comments -------------------------------------------------------------------------------------------------

    /**
     * keepalived's {@code decomment()}: strips leading/trailing blanks and everything from an unquoted {@code !} or
     * {@code #}; {@code \!} and {@code \#} outside quotes become the literal character; a trailing backslash is kept.
     */
    String decomment(String line, SourcePos pos) {
        String s = line.strip();
        StringBuilder sb = new StringBuilder(s.length());
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quote = !quote;
            } else if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (!quote && (n == '#' || n == '!')) {
                    sb.append(n);
                } else {
                    sb.append(c).append(n);
                }
                i++;
                continue;
            } else if (!quote && (c == '!' || c == '#')) {
                break;
            }
            sb.append(c);
        }
        if (quote) {
            reporter.error(pos, s, "Unterminated quote '" + s + "'");
        }
        return sb.toString().stripTrailing();
    }

    private static String stripLineEnd(String s) {
        int len = s.length();
        while (len > 0 && (s.charAt(len - 1) == '\r' || s.charAt(len - 1) == '\n')) {
            len--;
        }
        return s.substring(0, len);
    }

    private static int leadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    // ---- conditionals ---------------------------------------------------------------------------------------------

    /** {@code @id rest} / {@code @^id rest}: the rest when the config id matches (or not), else null. */
    private String conditional(String line) {
        boolean reverse = line.startsWith("@^");
        int start = reverse ? 2 : 1;
        int blank = indexOfBlank(line, start);
        if (blank < 0) {
            return null;
        }
        String id = line.substring(start, blank);
        boolean matches = configId != null && id.equals(configId);
        if (matches == reverse) {
            return null;
        }
        return line.substring(blank).strip();
    }

    private static int indexOfBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    // ---- parameters -----------------------------------------------------------------------------------------------

    /** The name when the line is a definition {@code $NAME=value} (no blank before '='), else null. */
    private static String definitionName(String line) {
        if (line.length() < 3 || line.charAt(0) != '$') {
            return null;
        }
        char first = line.charAt(1);
        if (!Character.isLetter(first) && first != '_') {
            return null;
        }
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '=') {
                return line.substring(1, i);
            }
            if (!isNameChar(c)) {
                return null;
            }
        }
        return null;
    }

    private static String definitionValue(String line) {
        return line.substring(line.indexOf('=') + 1).strip();
    }

    private static boolean isNameChar(char c) {
        return (c < 128 && Character.isLetterOrDigit(c)) || c == '_';
    }

    private record Substitution(String text, List<String> extraLines) {
    }

    /**
     * Replaces {@code $NAME} and {@code ${NAME}} (recursively, as keepalived rescans replaced text). Returns null
     * when nothing was replaced. Stops with an error when the expansion does not terminate.
     */
    private Substitution substitute(String line, SourcePos pos) {
        StringBuilder sb = new StringBuilder(line);
        List<String> extra = new ArrayList<>();
        int count = 0;
        int i = 0;
        boolean found = false;
        while ((i = sb.indexOf("$", i)) >= 0 && i + 1 < sb.length()) {
            Reference ref = reference(sb, i);
            if (ref == null) {
                i++;
                continue;
            }
            Definition def = ref.definition;
            found = true;
            if (++count > MAX_SUBSTITUTIONS) {
                reporter.error(pos, "$" + ref.name, "parameter $" + ref.name
                        + " does not stop expanding (does it refer to itself?) - line left unexpanded");
                return new Substitution("", List.of());
            }
            if (sb.length() - (ref.end - i) + def.lines.get(0).length() > MAX_LINE) {
                reporter.error(pos, "$" + ref.name, "Parameter substitution on line '" + line
                        + "' would exceed maximum line length (does $" + ref.name + " refer to itself?)");
                return new Substitution("", List.of());
            }
            String value = def.lines.get(0);
            sb.replace(i, ref.end, value);
            if (def.multiline()) {
                extra.addAll(0, def.lines.subList(1, def.lines.size()));
            }
            if (value.strip().startsWith("~")) {
                break;
            }
        }
        if (!found) {
            return null;
        }
        return new Substitution(sb.toString(), extra);
    }

    private record Reference(String name, Definition definition, int end) {
    }

    /** The definition referenced at {@code sb[at]} (a '$'), following keepalived's {@code find_definition()}. */
    private Reference reference(CharSequence sb, int at) {
        int p = at + 1;
        boolean braces = sb.charAt(p) == '{';
        if (braces) {
            p++;
        }
        if (p >= sb.length() || !(Character.isLetter(sb.charAt(p)) || sb.charAt(p) == '_')) {
            return null;
        }
        int nameStart = p;
        while (p < sb.length() && isNameChar(sb.charAt(p))) {
            p++;
        }
        String name = sb.subSequence(nameStart, p).toString();
        String params = null;
        int end;
        if (braces) {
            int paramStart = p;
            while (p < sb.length() && (sb.charAt(p) == ' ' || Character.isDigit(sb.charAt(p)))) {
                p++;
            }
            if (p >= sb.length() || sb.charAt(p) != '}') {
                return null;
            }
            if (p > paramStart) {
                params = sb.subSequence(paramStart, p).toString();
                if (params.endsWith(" ") || params.isBlank()) {
                    if (!params.isBlank()) {
                        return null;
                    }
                    params = null;
                }
            }
            end = p + 1;
        } else {
            if (p < sb.length()) {
                char c = sb.charAt(p);
                if (c != ' ' && c != '\t' && c != ',' && c != ')') {
                    return null;
                }
            }
            end = p;
        }
        Definition def = lookup(name, params);
        if (def == null) {
            return null;
        }
        boolean atEnd = end == sb.length();
        if (def.multiline() && !atEnd) {
            return null;
        }
        return new Reference(name, def, end);
    }

    private Definition lookup(String name, String params) {
        Definition user = defs.get(name);
        if (user != null) {
            return params == null ? user : null;
        }
        switch (name) {
            case "_PWD":
                return params == null ? new Definition(List.of(currentDir == null ? "" : currentDir.toString())) : null;
            case "_INSTANCE":
                return params == null ? new Definition(List.of(configId == null ? "" : configId)) : null;
            case "_HASH":
                return params == null ? new Definition(List.of("#")) : null;
            case "_BANG":
                return params == null ? new Definition(List.of("!")) : null;
            case "_RANDOM":
                return new Definition(List.of(randomValue(params)));
            default:
                return null;
        }
    }

    private String randomValue(String params) {
        long min = 0;
        long max = 32767;
        if (params != null) {
            String[] parts = params.strip().split("\\s+");
            try {
                min = Long.parseLong(parts[0]);
                if (parts.length > 1) {
                    max = Long.parseLong(parts[1]);
                }
            } catch (NumberFormatException e) {
                return "0";
            }
        }
        if (max < min) {
            return Long.toString(min);
        }
        return Long.toString(min + random.nextLong(max - min + 1));
    }

    // ---- ~SEQ / ~LST ----------------------------------------------------------------------------------------------

    private void generate(String line, SourcePos pos, int depth) {
        if (depth >= MAX_GENERATOR_DEPTH) {
            reporter.error(pos, line, "~SEQ/~LST nested too deeply - ignoring '" + line + "'");
            return;
        }
        boolean seq = line.charAt(1) == 'S';
        Generator g = seq ? parseSeq(line, pos) : parseLst(line);
        if (g == null) {
            reporter.error(pos, line, "Invalid " + (seq ? "~SEQ" : "~LST") + " specification '" + line + "'");
            return;
        }
        for (List<String> values : g.valueSets) {
            if (out.size() >= MAX_LINES) {
                emit(line, pos);
                return;
            }
            for (int v = 0; v < g.vars.size(); v++) {
                defs.put(g.vars.get(v), new Definition(List.of(v < values.size() ? values.get(v) : "")));
            }
            if (!g.text.isEmpty()) {
                processLine(g.text, pos, depth + 1);
            }
        }
    }

    private record Generator(List<String> vars, List<List<String>> valueSets, String text) {
    }

    private Generator parseSeq(String line, SourcePos pos) {
        int p = 4;
        boolean hex = p < line.length() && line.charAt(p) == 'x';
        if (hex) {
            p++;
        }
        while (p < line.length() && isBlank(line.charAt(p))) {
            p++;
        }
        if (p >= line.length() || line.charAt(p) != '(') {
            return null;
        }
        int close = line.indexOf(')', p);
        if (close < 0) {
            return null;
        }
        String inside = line.substring(p + 1, close);
        Substitution s = substitute(inside, pos);
        if (s != null) {
            inside = s.text;
        }
        String[] parts = inside.split(",", -1);
        if (parts.length < 2 || parts.length > 4) {
            return null;
        }
        String var = parts[0].strip();
        if (var.isEmpty()) {
            return null;
        }
        long start;
        long step;
        long end;
        try {
            long one = parseC(parts[1]);
            if (parts.length == 2) {
                end = one;
                step = end < 1 ? -1 : 1;
                start = end < 0 ? -1 : 1;
            } else if (parts.length == 3) {
                start = one;
                end = parseC(parts[2]);
                step = start <= end ? 1 : -1;
            } else {
                start = one;
                step = parseC(parts[2]);
                end = parseC(parts[3]);
                if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (hex && (start < 0 || end < 0)) {
            return null;
        }
        List<List<String>> values = new ArrayList<>();
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            values.add(List.of(hex ? Long.toHexString(v) : Long.toString(v)));
            if (values.size() > MAX_LINES) {
                break;
            }
        }
        return new Generator(List.of(var), values, line.substring(close + 1).strip());
    }

    /** strtol(…, 0): decimal, 0x hex or leading-0 octal. */
    private static long parseC(String s) {
        String t = s.strip();
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) {
            t = t.substring(1);
        }
        long v;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            v = Long.parseLong(t.substring(2), 16);
        } else if (t.length() > 1 && t.startsWith("0")) {
            v = Long.parseLong(t.substring(1), 8);
        } else {
            v = Long.parseLong(t);
        }
        return neg ? -v : v;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code ~LST(var, v1, v2...)} or {@code ~LST({a,b}, {1,2}, {3,4})} followed by the line text. */
    private static Generator parseLst(String line) {
        int[] p = {4};
        skipBlanks(line, p);
        if (!consume(line, p, '(')) {
            return null;
        }
        skipBlanks(line, p);
        List<String> vars;
        if (consume(line, p, '{')) {
            vars = readList(line, p, '}');
            if (vars == null) {
                return null;
            }
        } else {
            vars = List.of(readWord(line, p));
            skipBlanks(line, p);
        }
        if (vars.stream().anyMatch(String::isEmpty)) {
            return null;
        }
        List<List<String>> sets = new ArrayList<>();
        while (true) {
            skipBlanks(line, p);
            if (consume(line, p, ')')) {
                break;
            }
            if (!consume(line, p, ',')) {
                return null;
            }
            skipBlanks(line, p);
            List<String> set;
            if (consume(line, p, '{')) {
                set = readList(line, p, '}');
                if (set == null) {
                    return null;
                }
            } else {
                set = List.of(readWord(line, p));
            }
            if (set.size() > vars.size()) {
                return null;
            }
            sets.add(set);
        }
        if (sets.isEmpty()) {
            return null;
        }
        return new Generator(vars, sets, line.substring(p[0]).strip());
    }

    private static List<String> readList(String line, int[] p, char close) {
        List<String> items = new ArrayList<>();
        while (true) {
            skipBlanks(line, p);
            items.add(readWord(line, p));
            skipBlanks(line, p);
            if (consume(line, p, close)) {
                return items;
            }
            if (!consume(line, p, ',')) {
                return null;
            }
        }
    }

    private static String readWord(String line, int[] p) {
        int start = p[0];
        while (p[0] < line.length() && " \t,{})".indexOf(line.charAt(p[0])) < 0) {
            p[0]++;
        }
        return line.substring(start, p[0]);
    }

    private static void skipBlanks(String line, int[] p) {
        while (p[0] < line.length() && isBlank(line.charAt(p[0]))) {
            p[0]++;
        }
    }

    private static boolean consume(String line, int[] p, char c) {
        if (p[0] < line.length() && line.charAt(p[0]) == c) {
            p[0]++;
            return true;
        }
        return false;
    }

    // ---- include --------------------------------------------------------------------------------------------------

    /** Handles {@code include[rmwba] PATTERN}; returns false when the line is not an include. */
    private boolean include(String line, SourcePos pos) {
        if (!line.startsWith("include") || line.length() < 9) {
            return false;
        }
        char c7 = line.charAt(7);
        String checks;
        int argStart;
        if (isBlank(c7)) {
            checks = "";
            argStart = 8;
        } else if ("rmwba".indexOf(c7) >= 0 && isBlank(line.charAt(8))) {
            checks = c7 == 'a' ? "rmwb" : c7 == 'w' ? "rmw" : c7 == 'm' ? "rm" : c7 == 'b' ? "rb" : "r";
            argStart = 9;
        } else {
            return false;
        }
        if (options.allConfig()) {
            checks = "rmwb";
        }
        String pattern = unquote(line.substring(argStart).strip());
        if (pattern.isEmpty()) {
            reporter.error(pos, "include", "include needs a file name");
            return true;
        }
        IncludeGlob.Result matches = IncludeGlob.expand(pattern, currentDir);
        if (matches.files().isEmpty()) {
            boolean fatal = checks.contains("m")
                    || (checks.contains("w") && matches.hadWildcard())
                    || (checks.contains("b") && matches.hadBraces());
            reporter.report(fatal ? Severity.FATAL : Severity.INFO, pos, pattern,
                    "Config files missing '" + pattern + "'.");
            return true;
        }
        for (Path f : matches.files()) {
            if (!Files.isReadable(f) || !Files.isRegularFile(f)) {
                reporter.report(checks.contains("r") ? Severity.FATAL : Severity.INFO, pos, f.toString(),
                        "Configuration file '" + f + "' open problem - skipping");
                continue;
            }
            readFile(f, f.toString(), pos);
        }
        return true;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
