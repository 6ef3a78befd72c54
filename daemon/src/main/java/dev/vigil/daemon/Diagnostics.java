package dev.vigil.daemon;

import dev.vigil.conf.Diagnostic;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.Severity;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;

/** Prints or logs configuration diagnostics, one per line ({@code file:line:col: error: message}). */
final class Diagnostics {
    private Diagnostics() {
    }

    /**
     * A configuration with a FATAL diagnostic cannot run (the daemon refuses it, a reload keeps the old one), whatever
     * {@code -t} exits with: keepalived ranks "errors but would run" (5) above fatal (4) when both occur.
     */
    static boolean cannotRun(LoadResult result) {
        return result.diagnostics().stream().anyMatch(d -> d.severity() == Severity.FATAL);
    }

    static void print(List<Diagnostic> diagnostics, PrintWriter out) {
        diagnostics.forEach(out::println);
        out.flush();
    }

    static void log(List<Diagnostic> diagnostics, Logger log) {
        for (Diagnostic d : diagnostics) {
            if (d.severity() == Severity.INFO) {
                log.info("{}", d);
            } else if (d.severity() == Severity.WARNING) {
                log.warn("{}", d);
            } else {
                log.error("{}", d);
            }
        }
    }
}
