package dev.vigil.conf;

/**
 * One message about a configuration: where it is, the offending token (may be empty) and what was expected.
 * {@link #toString()} gives the one-line form people see: {@code file:line:column: error: message}.
 */
public record Diagnostic(Severity severity, SourcePos pos, String token, String message) {

    @Override
    public String toString() {
        return pos + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
