package dev.vigil.conf.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Typed, validated reads from a resolved settings tree. Every failure becomes a {@link SettingsException} that points
 * at the line the offending value came from (the user's file, or reference.conf for a default).
 */
final class SettingsReader {
    private final Config config;
    private final String sourceName;

    SettingsReader(Config config, String sourceName) {
        this.config = config;
        this.sourceName = sourceName;
    }

    String string(String path) {
        try {
            return config.getString(path);
        } catch (ConfigException e) {
            throw translate(e, sourceName);
        }
    }

    String nonEmptyString(String path) {
        String s = string(path);
        if (s.isBlank()) {
            throw invalid(path, "must not be empty");
        }
        return s;
    }

    boolean bool(String path) {
        try {
            return config.getBoolean(path);
        } catch (ConfigException e) {
            throw translate(e, sourceName);
        }
    }

    int intIn(String path, int min, int max) {
        int v;
        try {
            v = config.getInt(path);
        } catch (ConfigException e) {
            throw translate(e, sourceName);
        }
        if (v < min || v > max) {
            throw invalid(path, "must be " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    Duration positiveDuration(String path) {
        Duration d;
        try {
            d = config.getDuration(path);
        } catch (ConfigException e) {
            throw translate(e, sourceName);
        }
        if (d.isNegative() || d.isZero()) {
            throw invalid(path, "must be a positive duration such as 5s, got " + config.getValue(path).unwrapped());
        }
        return d;
    }

    Path absolutePath(String path) {
        String s = nonEmptyString(path);
        Path p = Path.of(s);
        if (!p.isAbsolute()) {
            throw invalid(path, "must be an absolute path, got '" + s + "'");
        }
        return p;
    }

    <E extends Enum<E>> E enumValue(String path, Class<E> type) {
        String s = string(path);
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            throw invalid(path, "must be one of " + allowed + ", got '" + s + "'");
        }
    }

    SyslogFacility facility(String path) {
        String s = string(path);
        return SyslogFacility.parse(s).orElseThrow(
                () -> invalid(path, "must be 0-7, local0-local7, user or daemon, got '" + s + "'"));
    }

    /** An error about the value at {@code path}, located where that value was written. */
    SettingsException invalid(String path, String problem) {
        ConfigOrigin origin = config.hasPath(path) ? config.getValue(path).origin() : null;
        return new SettingsException(fileOf(origin, sourceName), lineOf(origin), path + ": " + problem);
    }

    /** Turns a Typesafe Config exception into one located line, without its own "origin: " prefix. */
    static SettingsException translate(ConfigException e, String sourceName) {
        ConfigOrigin origin = e.origin();
        String message = e.getMessage();
        if (origin != null && message.startsWith(origin.description() + ": ")) {
            message = message.substring(origin.description().length() + 2);
        }
        return new SettingsException(fileOf(origin, sourceName), lineOf(origin), message);
    }

    private static String fileOf(ConfigOrigin origin, String sourceName) {
        if (origin != null && origin.filename() != null) {
            return origin.filename();
        }
        if (origin != null && origin.resource() != null) {
            return origin.resource();
        }
        return sourceName;
    }

    private static int lineOf(ConfigOrigin origin) {
        return origin == null ? 0 : Math.max(origin.lineNumber(), 0);
    }
}
