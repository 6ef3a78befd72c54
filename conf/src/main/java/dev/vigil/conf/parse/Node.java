package dev.vigil.conf.parse;

import dev.vigil.conf.SourcePos;
import java.util.List;

/**
 * One configuration statement: the keyword, its arguments on the same line and, when a {@code {...}} block
 * followed it, the statements inside ({@code block} is null when there was no block).
 */
public record Node(Token keyword, List<Token> args, List<Node> block) {

    public Node {
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
    }

    public String name() {
        return keyword.text();
    }

    public SourcePos pos() {
        return keyword.pos();
    }

    public boolean hasBlock() {
        return block != null;
    }

    /** The statements of the block, or an empty list when there was none. */
    public List<Node> children() {
        return block == null ? List.of() : block;
    }

    public int argCount() {
        return args.size();
    }

    /** Argument {@code i} (0 = first word after the keyword), or null if absent. */
    public Token arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    public String argText(int i) {
        return i < args.size() ? args.get(i).text() : null;
    }

    /** The keyword and all arguments: the whole line's words, as value blocks such as virtual_ipaddress use them. */
    public List<Token> words() {
        List<Token> all = new java.util.ArrayList<>(args.size() + 1);
        all.add(keyword);
        all.addAll(args);
        return all;
    }
}
