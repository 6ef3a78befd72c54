package dev.vigil.conf.parse;

import dev.vigil.conf.Diagnostic;
import dev.vigil.conf.Severity;
import dev.vigil.conf.SourcePos;
import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics in the order they are found. Bounded so a pathological input cannot exhaust memory. */
public final class Reporter {
    private static final int MAX_DIAGNOSTICS = 10_000;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public void report(Severity severity, SourcePos pos, String token, String message) {
        if (diagnostics.size() < MAX_DIAGNOSTICS) {
            diagnostics.add(new Diagnostic(severity, pos == null ? SourcePos.NONE : pos, token == null ? "" : token, message));
        }
    }

    public void info(SourcePos pos, String token, String message) {
        report(Severity.INFO, pos, token, message);
    }

    public void warning(SourcePos pos, String token, String message) {
        report(Severity.WARNING, pos, token, message);
    }

    public void error(SourcePos pos, String token, String message) {
        report(Severity.ERROR, pos, token, message);
    }

    public void warning(Token t, String message) {
        warning(t.pos(), t.text(), message);
    }

    public void error(Token t, String message) {
        error(t.pos(), t.text(), message);
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
