package dev.vigil.linux.process;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A script after keepalived's load-time checks: the exact argv to execute and how.
 *
 * @param argv     argv with argv[0] replaced by the path found (path search, realpath)
 * @param viaShell true when keepalived would use {@code system()}: a {@code </path} redirection, or a file without a
 *                 {@code #!} line that is not a binary
 * @param runAs    the user and group the script runs as
 */
public record ResolvedScript(List<String> argv, boolean viaShell, PosixUser runAs) {

    public ResolvedScript {
        argv = List.copyOf(argv);
    }

    /**
     * The string given to {@code /bin/sh -c}, built like keepalived's {@code cmd_str()}: every word in single quotes
     * except a leading {@code <} or {@code >} redirection. Embedded single quotes are closed and escaped so that a
     * word can never break out of its quotes.
     */
    public String shellCommand() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            if (i > 0) {
                sb.append(' ');
            }
            if (i == 0 && (word.startsWith("<") || word.startsWith(">"))) {
                sb.append(word);
            } else {
                sb.append('\'').append(word.replace("'", "'\\''")).append('\'');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return argv.stream().collect(Collectors.joining(" ")) + (viaShell ? " (via /bin/sh)" : "");
    }
}
