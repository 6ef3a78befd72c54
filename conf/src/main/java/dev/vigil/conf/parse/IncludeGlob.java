package dev.vigil.conf.parse;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The file names an {@code include} pattern names: csh brace expansion, then glob(3) matching per path segment
 * (sorted, hidden files only when the pattern starts with '.'), relative to the including file's directory.
 */
final class IncludeGlob {
    private static final int MAX_EXPANSIONS = 256;

    record Result(List<Path> files, boolean hadWildcard, boolean hadBraces) {
    }

    private IncludeGlob() {
    }

    static Result expand(String pattern, Path baseDir) {
        List<String> patterns = new ArrayList<>();
        expandBraces(pattern, patterns);
        boolean wildcard = false;
        List<Path> files = new ArrayList<>();
        for (String p : patterns) {
            Path path = Path.of("/");
            try {
                path = baseDir == null ? Path.of(p) : baseDir.resolve(p);
            } catch (RuntimeException e) {
                continue;
            }
            if (hasWildcard(p)) {
                wildcard = true;
                files.addAll(match(path));
            } else if (Files.exists(path)) {
                files.add(path);
            }
        }
        return new Result(files, wildcard, patterns.size() > 1 || pattern.indexOf('{') >= 0);
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** {@code a{b,c{d,e}}f} becomes abf, acdf, acef (left to right, as csh). */
    static void expandBraces(String s, List<String> out) {
        if (out.size() >= MAX_EXPANSIONS) {
            return;
        }
        int open = -1;
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                if (depth++ == 0) {
                    open = i;
                }
            } else if (c == '}' && depth > 0 && --depth == 0) {
                List<String> alternatives = splitTopLevel(s.substring(open + 1, i));
                String prefix = s.substring(0, open);
                String suffix = s.substring(i + 1);
                for (String alt : alternatives) {
                    expandBraces(prefix + alt + suffix, out);
                }
                return;
            }
        }
        out.add(s);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static List<Path> match(Path pattern) {
        Path root = pattern.getRoot();
        List<Path> current = List.of(root != null ? root : Path.of(""));
        for (Path segment : pattern.normalize()) {
            String seg = segment.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(seg)) {
                    Path p = dir.resolve(seg);
                    if (Files.exists(p)) {
                        next.add(p);
                    }
                    continue;
                }
                next.addAll(matchInDir(dir, seg));
            }
            current = next;
            if (current.isEmpty() || current.size() > MAX_EXPANSIONS) {
                break;
            }
        }
        return current;
    }

    private static List<Path> matchInDir(Path dir, String glob) {
        TreeSet<Path> found = new TreeSet<>();
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("{", "\\{").replace("}", "\\}"));
        } catch (RuntimeException e) {
            return List.of();
        }
        Path d = dir.toString().isEmpty() ? Path.of(".") : dir;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (name.startsWith(".") && !glob.startsWith(".")) {
                    continue;
                }
                if (matcher.matches(Path.of(name))) {
                    found.add(dir.resolve(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return new ArrayList<>(found);
    }
}
