package dev.vigil.conf.parse;

import dev.vigil.conf.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Groups words into statements and {@code { }} blocks. A statement is the words of one line up to a brace; a
 * statement directly followed by {@code {} (on the same or the next line) owns the block. Keywords that always
 * open a block but lack the {@code {} get keepalived's "Missing '{'" error and, as in keepalived, take the
 * following statements up to the next {@code }} as their block.
 */
public final class TreeBuilder {
    private final List<Token> tokens = new ArrayList<>();
    /** Index of the logical line each token came from, so statements end at line ends. */
    private final List<Integer> lineOf = new ArrayList<>();
    private final Reporter reporter;
    private final Set<String> blockKeywords;
    private int next;
    private SourcePos lastPos = SourcePos.NONE;
    /** The keyword of the outermost block still open when the input ended. */
    private Token firstUnclosed;

    public TreeBuilder(List<Preprocessor.Line> lines, Set<String> blockKeywords, Reporter reporter) {
        this.reporter = reporter;
        this.blockKeywords = blockKeywords;
        int n = 0;
        for (Preprocessor.Line line : lines) {
            for (Token t : LineTokenizer.tokenize(line, reporter)) {
                tokens.add(t);
                lineOf.add(n);
            }
            lastPos = line.pos();
            n++;
        }
    }

    /** The top-level statements. */
    public List<Node> build() {
        List<Node> top = new ArrayList<>();
        int missing = 0;
        while (next < tokens.size()) {
            Token t = tokens.get(next);
            if (t.text().equals("}")) {
                reporter.error(t, "Extra '}' found");
                next++;
                continue;
            }
            missing += statementInto(top, 0);
        }
        if (missing > 0) {
            String where = firstUnclosed == null ? ""
                    : " (the block '" + firstUnclosed.text() + "' opened at line " + firstUnclosed.pos().line()
                    + " is not closed)";
            reporter.error(lastPos, "}", "There are " + missing + " missing '}'s or extra '{'s" + where);
        }
        return top;
    }

    /** Parses one statement (or a stray '{' block) into {@code into}; returns the number of unclosed blocks. */
    private int statementInto(List<Node> into, int depth) {
        Token first = tokens.get(next);
        if (first.text().equals("{")) {
            reporter.error(first, "Unexpected '{' - ignoring");
            next++;
            List<Node> discarded = new ArrayList<>();
            return blockBody(discarded, depth + 1);
        }
        int line = lineOf.get(next);
        next++;
        List<Token> args = new ArrayList<>();
        while (next < tokens.size() && lineOf.get(next) == line && !isBrace(tokens.get(next))) {
            args.add(tokens.get(next++));
        }
        List<Node> block = null;
        int missing = 0;
        if (next < tokens.size() && tokens.get(next).text().equals("{")) {
            next++;
            block = new ArrayList<>();
            missing = blockBody(block, depth + 1);
        } else if (blockKeywords.contains(first.text())) {
            reporter.error(first, "Missing '{' at beginning of configuration block");
            block = new ArrayList<>();
            missing = blockBody(block, depth + 1);
        }
        into.add(new Node(first, args, block));
        if (missing > 0) {
            firstUnclosed = first;
        }
        return missing;
    }

    /** Reads statements up to the matching '}' (consumed); returns 1 (plus nested) when the file ends first. */
    private int blockBody(List<Node> into, int depth) {
        if (depth > 200) {
            reporter.error(tokens.get(Math.max(0, next - 1)), "blocks nested too deeply");
            next = tokens.size();
            return 0;
        }
        while (next < tokens.size()) {
            Token t = tokens.get(next);
            if (t.text().equals("}")) {
                next++;
                return 0;
            }
            int missing = statementInto(into, depth);
            if (missing > 0) {
                return missing + 1;
            }
        }
        return 1;
    }

    private static boolean isBrace(Token t) {
        return t.text().equals("{") || t.text().equals("}");
    }
}
