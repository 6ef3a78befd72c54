package dev.vigil.daemon;

import dev.vigil.conf.Diagnostic;
import dev.vigil.conf.Severity;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;

/** Prints or logs configuration diagnostics, one per line ({@code file:line:col: error: message}). */
final class Diagnostics {
    private Diagnostics() {
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
