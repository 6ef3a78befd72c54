package dev.vigil.conf;

/**
 * One message about a configuration: where it is, the offending token (may be empty) and what was expected.
 * {@link #toString()} gives the one-line form people see: {@code file:line:column: error: message}.
 */
public record Diagnostic(Severity severity, SourcePos pos, String token, String message) {

    /** keepalived's text for a configuration file that cannot be found. */
    private static final String MISSING_FILE = "Config files missing '";

    /**
     * A configuration file that must exist does not (the main file, a checked include, or any include with
     * {@code -e}): keepalived stops before its config test with exit 6.
     */
    public static Diagnostic missingConfigFile(SourcePos pos, String file) {
        return new Diagnostic(Severity.FATAL, pos, file, MISSING_FILE + file + "'.");
    }

    /** Whether this is a {@link #missingConfigFile} diagnostic. */
    public boolean isMissingConfigFile() {
        return severity == Severity.FATAL && message.startsWith(MISSING_FILE);
    }

    @Override
    public String toString() {
        return pos + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
