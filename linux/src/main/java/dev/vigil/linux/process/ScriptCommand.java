package dev.vigil.linux.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A script to run: its argument vector and the user/group to run it as.
 *
 * <p>{@link #parse(String)} applies keepalived's script-string rules (lib/parser.c
 * {@code alloc_strvec_quoted_escaped}): the config parser has already removed the outer double quotes of
 * {@code script "..."}; the resulting string is split again on white space, where {@code '...'} and
 * {@code "..."} keep spaces inside one argument and backslash escapes are decoded both inside and outside quotes:
 * {@code \a \b \E \f \n \r \t \v}, {@code \xHH...}, {@code \nnn} (octal, up to 3 digits), {@code \cC} (control
 * character) and {@code \<any>} (the character itself, e.g. {@code \\ \" \'}).
 *
 * @param argv  program and arguments; argv[0] may be a bare name (path-searched at run time) or a {@code </path}
 *              redirection, which keepalived hands to the shell
 * @param user  user name to run as, {@code null} for the default script user
 * @param group group name to run as, {@code null} for the user's primary group
 */
public record ScriptCommand(List<String> argv, String user, String group) {

    private static final String WHITE_SPACE = " \t\f\n\r\013";

    public ScriptCommand {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("Unable to parse script: empty command");
        }
    }

    /** Parses a script string; runs as the default script user. */
    public static ScriptCommand parse(String scriptString) {
        return parse(scriptString, null, null);
    }

    /**
     * Parses a script string for the given {@code user [group]} (both nullable).
     *
     * @throws IllegalArgumentException with keepalived's message for an unmatched quote, a trailing backslash
     *                                  or an empty string
     */
    public static ScriptCommand parse(String scriptString, String user, String group) {
        Objects.requireNonNull(scriptString, "scriptString");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        int n = scriptString.length();
        while (i < n) {
            while (i < n && isWhite(scriptString.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            word.setLength(0);
            char quote = 0;
            while (i < n) {
                char c = scriptString.charAt(i);
                if (c == '\\') {
                    i = decodeEscape(scriptString, i + 1, word);
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                    i++;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    i++;
                } else if (isWhite(c)) {
                    break;
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException(
                        "String '" + scriptString + "': missing terminating " + quote);
            }
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("Unable to parse script '" + scriptString + "'");
        }
        return new ScriptCommand(words, user, group);
    }

    /** Returns this command run as {@code user [group]}. */
    public ScriptCommand withUser(String newUser, String newGroup) {
        return new ScriptCommand(argv, newUser, newGroup);
    }

    /** Returns this command with extra arguments appended (e.g. generic notify's type, name, state, priority). */
    public ScriptCommand withExtraArgs(List<String> extra) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(extra);
        return new ScriptCommand(all, user, group);
    }

    /** argv[0], as written in the configuration. */
    public String program() {
        return argv.get(0);
    }

    /** The command as keepalived's {@code cmd_str()} prints it: words joined by spaces. */
    public String commandLine() {
        return String.join(" ", argv);
    }

    /** Decodes the escape whose character follows the backslash at {@code i}; returns the index after it. */
    private static int decodeEscape(String s, int i, StringBuilder out) {
        int n = s.length();
        if (i >= n) {
            throw new IllegalArgumentException("Missing escape char at end: '" + s + "'");
        }
        char c = s.charAt(i);
        if (c == 'x' && i + 1 < n && isHex(s.charAt(i + 1))) {
            int value = 0;
            i++;
            while (i < n && isHex(s.charAt(i))) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            out.append((char) (value & 0xff)); // keepalived accumulates into a char: only the low byte survives
            return i;
        }
        if (c == 'c' && i + 1 < n) {
            out.append((char) (s.charAt(i + 1) & 0x1f));
            return i + 2;
        }
        if (c >= '0' && c <= '7') {
            int value = c - '0';
            i++;
            for (int k = 0; k < 2 && i < n && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++, i++) {
                value = (value << 3) + (s.charAt(i) - '0');
            }
            out.append((char) (value & 0xff));
            return i;
        }
        out.append(switch (c) {
            case 'a' -> '\007';
            case 'b' -> '\b';
            case 'E' -> '\033';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\013';
            default -> c;
        });
        return i + 1;
    }

    private static boolean isWhite(char c) {
        return WHITE_SPACE.indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
