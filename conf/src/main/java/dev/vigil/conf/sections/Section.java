package dev.vigil.conf.sections;

import dev.vigil.conf.parse.Node;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keywords of one block kind as data: which ones Vigil models and how each is written (value, value block or
 * block), with {@link Keywords} for the rest. The section parsers apply the modelled keywords themselves with a
 * {@code switch}, so the tables create no classes at run time (a lambda per keyword would spin one each).
 * Unknown keywords get keepalived's "Unknown keyword" warning plus a suggestion; known-but-unmodelled keywords
 * get an informational "recognised but not supported yet" (keepalived accepts them, so {@code -t} must not fail).
 */
final class Section {
    /** How a keyword is written. */
    private enum Kind {
        /** Arguments on its line only. */
        VALUE,
        /** A block of values, one per line (keepalived's {@code alloc_value_block()}): no words after the keyword. */
        VALUE_BLOCK,
        /** A {@code { }} block of keywords, possibly with words after the keyword. */
        BLOCK
    }

    private final String name;
    private final Set<String> known;
    private final Map<String, Kind> modelled = new HashMap<>();

    /**
     * @param name the block as messages name it ("vrrp_instance", "the top level")
     * @param known every keyword keepalived accepts there ({@link Keywords})
     */
    Section(String name, Set<String> known) {
        this.name = name;
        this.known = known;
    }

    /** Keywords with arguments on their line only. */
    Section values(String... keywords) {
        return add(Kind.VALUE, keywords);
    }

    /** Keywords whose block holds values, one per line: words after the keyword are an error. */
    Section valueBlocks(String... keywords) {
        return add(Kind.VALUE_BLOCK, keywords);
    }

    /** Keywords that open a {@code { }} block. */
    Section blocks(String... keywords) {
        return add(Kind.BLOCK, keywords);
    }

    private Section add(Kind kind, String... keywords) {
        for (String k : keywords) {
            if (modelled.put(k, kind) != null) {
                throw new IllegalArgumentException(k + " declared twice in " + name);
            }
        }
        return this;
    }

    /**
     * Reports what keepalived reports for {@code n} in this block: a block after a value keyword, a missing block,
     * words after a value block's keyword, an unmodelled or unknown keyword.
     *
     * @return true when the caller's handler should apply {@code n} (its keyword is modelled here)
     */
    boolean accepts(Node n, Ctx ctx) {
        Kind kind = modelled.get(n.name());
        if (kind == null) {
            if (known.contains(n.name())) {
                ctx.reporter().info(n.pos(), n.name(),
                        "'" + n.name() + "' in " + name + " is recognised but not supported yet - ignored");
            } else {
                Set<String> all = new HashSet<>(known);
                all.addAll(modelled.keySet());
                ctx.unknownKeyword(n, name, all);
            }
            return false;
        }
        if (kind == Kind.VALUE) {
            if (n.hasBlock()) {
                ctx.reporter().error(n.keyword(), "Unexpected '{' after '" + n.name() + "' - ignoring the block");
            }
            return true;
        }
        if (!n.hasBlock()) {
            ctx.reporter().error(n.keyword(), "Missing '{' at beginning of configuration block");
        }
        if (kind == Kind.VALUE_BLOCK && n.argCount() > 0) {
            ctx.reporter().error(n.arg(0), "Block " + n.name() + " has extra parameters " + n.argText(0) + " ...");
        }
        return true;
    }

    /** The error for a keyword declared here whose parser has no case for it: a programming error. */
    IllegalStateException unhandled(Node n) {
        return new IllegalStateException("no handler for '" + n.name() + "' in " + name);
    }
}
