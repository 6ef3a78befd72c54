package dev.vigil.conf.sections;

import dev.vigil.conf.parse.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The keyword dispatch of one block kind: handlers for the keywords Vigil models, {@link Keywords} for the rest.
 * Unknown keywords get keepalived's "Unknown keyword" warning plus a suggestion; known-but-unmodelled keywords get
 * an informational "recognised but not supported yet" (keepalived accepts them, so {@code -t} must not fail).
 *
 * @param <D> the mutable draft the handlers fill in
 */
final class Section<D> {
    private final String name;
    private final Set<String> known;
    private final Map<String, BiConsumer<Node, D>> values = new HashMap<>();
    private final Map<String, BiConsumer<Node, D>> blocks = new HashMap<>();

    Section(String name, Set<String> known) {
        this.name = name;
        this.known = known;
    }

    /** A keyword with arguments on its line only. */
    Section<D> value(String keyword, BiConsumer<Node, D> handler) {
        values.put(keyword, handler);
        return this;
    }

    /** A keyword that opens a {@code { }} block. */
    Section<D> block(String keyword, BiConsumer<Node, D> handler) {
        blocks.put(keyword, handler);
        return this;
    }

    void apply(Iterable<Node> nodes, D draft, Ctx ctx) {
        for (Node n : nodes) {
            apply(n, draft, ctx);
        }
    }

    void apply(Node n, D draft, Ctx ctx) {
        BiConsumer<Node, D> h = values.get(n.name());
        if (h != null) {
            if (n.hasBlock()) {
                ctx.reporter().error(n.keyword(), "Unexpected '{' after '" + n.name() + "' - ignoring the block");
            }
            h.accept(n, draft);
            return;
        }
        h = blocks.get(n.name());
        if (h != null) {
            if (!n.hasBlock()) {
                ctx.reporter().error(n.keyword(), "Missing '{' at beginning of configuration block");
            }
            h.accept(n, draft);
            return;
        }
        if (known.contains(n.name())) {
            ctx.reporter().info(n.pos(), n.name(),
                    "'" + n.name() + "' in " + name + " is recognised but not supported yet - ignored");
            return;
        }
        ctx.unknownKeyword(n, name, allKeywords());
    }

    private Set<String> allKeywords() {
        Set<String> all = new java.util.HashSet<>(known);
        all.addAll(values.keySet());
        all.addAll(blocks.keySet());
        return all;
    }
}
