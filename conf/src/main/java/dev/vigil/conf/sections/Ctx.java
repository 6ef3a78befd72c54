package dev.vigil.conf.sections;

import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Reporter;
import dev.vigil.conf.parse.Token;
import java.util.Collection;

/** What section parsers share: the reporter and keepalived's value readers ({@link Values}). */
record Ctx(Reporter reporter, Values values, java.util.Map<Object, dev.vigil.conf.SourcePos> origins) {

    static Ctx of(Reporter reporter) {
        java.util.Map<Object, dev.vigil.conf.SourcePos> origins = new java.util.IdentityHashMap<>();
        return new Ctx(reporter, new Values(reporter, origins), origins);
    }

    /** keepalived's "Unknown keyword 'X'" plus, when a known keyword is close, a suggestion. */
    void unknownKeyword(Node n, String section, Collection<String> candidates) {
        String suggestion = Suggest.closest(n.name(), candidates);
        Token t = n.keyword();
        reporter.warning(t, "Unknown keyword '" + n.name() + "'"
                + (suggestion != null ? " in " + section + " - did you mean '" + suggestion + "'?" : " in " + section));
    }
}
