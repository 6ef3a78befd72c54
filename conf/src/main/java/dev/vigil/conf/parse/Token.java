package dev.vigil.conf.parse;

import dev.vigil.conf.SourcePos;

/** One word of a configuration line (quotes removed) and where it starts. */
public record Token(String text, SourcePos pos) {
    @Override
    public String toString() {
        return text;
    }
}
