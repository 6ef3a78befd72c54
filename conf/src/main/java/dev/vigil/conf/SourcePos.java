package dev.vigil.conf;

/** A place in a configuration file: 1-based line and column. Printed as {@code file:line:column}. */
public record SourcePos(String file, int line, int column) {
    public static final SourcePos NONE = new SourcePos("<none>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
