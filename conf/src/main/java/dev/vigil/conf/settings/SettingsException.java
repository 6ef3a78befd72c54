package dev.vigil.conf.settings;

/**
 * A settings file that cannot be used. {@link #getMessage()} is one line: {@code file:line: problem}
 * (just {@code file: problem} when the line is unknown).
 */
public final class SettingsException extends RuntimeException {
    private final String file;
    private final int line;
    private final String problem;

    public SettingsException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The problem without the location. */
    public String problem() {
        return problem;
    }
}
