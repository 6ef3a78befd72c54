package dev.vigil.conf.sections;

import dev.vigil.conf.Severity;
import dev.vigil.conf.SourcePos;
import dev.vigil.conf.parse.Reporter;
import java.util.function.Predicate;

/**
 * keepalived's checks of interface names against the host (only when the caller supplies a predicate): each
 * missing interface is reported where it is named, then once "Non-existent interface specified in
 * configuration" (keepalived's CONFIG_BAD_IF).
 */
final class InterfaceCheck {
    private final Reporter reporter;
    private final Predicate<String> exists;
    /** Where the first missing interface was named (null while none is missing). */
    private SourcePos firstMissing;

    InterfaceCheck(Reporter reporter, Predicate<String> exists) {
        this.reporter = reporter;
        this.exists = exists;
    }

    /** True when the interface exists or nothing is checked; otherwise reports {@code message} at {@code pos}. */
    boolean check(String name, SourcePos pos, String message) {
        if (exists == null || name == null || exists.test(name)) {
            return true;
        }
        reporter.error(pos, name, message);
        if (firstMissing == null) {
            firstMissing = pos;
        }
        return false;
    }

    boolean exists(String name) {
        return exists == null || exists.test(name);
    }

    void reportNonExistent() {
        if (firstMissing != null) {
            reporter.report(Severity.FATAL, firstMissing, "", "Non-existent interface specified in configuration");
        }
    }

    /** Records a missing interface reported elsewhere (with its own message). */
    void missing(SourcePos pos) {
        if (firstMissing == null) {
            firstMissing = pos;
        }
    }
}
