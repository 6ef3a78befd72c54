package dev.vigil.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Vigil's version (filled in by the build) and the {@code -v/--version} text. */
public final class VigilVersion {
    private static final String VERSION = read();

    private VigilVersion() {
    }

    /** For example {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return VERSION;
    }

    /** The line logged at start and stop, after keepalived's {@code Starting Keepalived v2.2.7}. */
    static String banner() {
        return "Vigil v" + VERSION;
    }

    static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    private static String read() {
        try (InputStream in = VigilVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** picocli's {@code -v/--version} output. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                banner(),
                "",
                "Reads keepalived.conf as keepalived 2.2.7 does.",
                "Running on " + platform(),
            };
        }
    }
}
