package dev.vigil.conf.parse;

import dev.vigil.conf.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a preprocessed line into words (keepalived's {@code alloc_strvec()}): blanks separate words,
 * {@code "..."} is part of a word with the quotes removed, and every {@code {} or {@code }} outside quotes is a
 * word of its own.
 */
final class LineTokenizer {
    private LineTokenizer() {
    }

    static List<Token> tokenize(Preprocessor.Line line, Reporter reporter) {
        String s = line.text();
        SourcePos base = line.pos();
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b) {
                i++;
                continue;
            }
            int start = i;
            if (c == '{' || c == '}') {
                tokens.add(new Token(String.valueOf(c), at(base, start)));
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            while (i < s.length()) {
                c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '{' || c == '}') {
                    break;
                }
                if (c == '"') {
                    int close = s.indexOf('"', i + 1);
                    if (close < 0) {
                        reporter.error(at(base, i), s.substring(i), "Unmatched quote: '" + s + "'");
                        word.append(s, i, s.length());
                        i = s.length();
                        break;
                    }
                    word.append(s, i + 1, close);
                    i = close + 1;
                    continue;
                }
                word.append(c);
                i++;
            }
            tokens.add(new Token(word.toString(), at(base, start)));
        }
        return tokens;
    }

    private static SourcePos at(SourcePos base, int offset) {
        return new SourcePos(base.file(), base.line(), base.column() + offset);
    }
}
