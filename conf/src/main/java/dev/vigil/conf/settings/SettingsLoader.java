package dev.vigil.conf.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.vigil.conf.settings.VigilSettings.Auth;
import dev.vigil.conf.settings.VigilSettings.Backoff;
import dev.vigil.conf.settings.VigilSettings.Email;
import dev.vigil.conf.settings.VigilSettings.FlapDigest;
import dev.vigil.conf.settings.VigilSettings.LogDestination;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import dev.vigil.conf.settings.VigilSettings.Logging;
import dev.vigil.conf.settings.VigilSettings.Metrics;
import dev.vigil.conf.settings.VigilSettings.StartTls;
import dev.vigil.conf.settings.VigilSettings.Status;
import dev.vigil.conf.settings.VigilSettings.Timers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link VigilSettings}: a HOCON file layered over the documented defaults of {@code reference.conf}.
 * Unknown keys, wrong types and out-of-range values are errors ({@link SettingsException}, one line with file:line),
 * so a typo never silently falls back to a default.
 */
public final class SettingsLoader {
    /** Read when no {@code --settings} file is given and it exists. */
    public static final Path DEFAULT_FILE = Path.of("/etc/vigil/vigil.conf");

    private static final String REFERENCE = "reference.conf";

    private SettingsLoader() {
    }

    /** The defaults of {@code reference.conf}. */
    public static VigilSettings defaults() {
        return build(Reference.CONFIG.resolve(), REFERENCE);
    }

    /** Reads {@code file}, which must exist. */
    public static VigilSettings load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SettingsException(file.toString(), 0, "no such settings file");
        }
        if (!Files.isReadable(file)) {
            throw new SettingsException(file.toString(), 0, "settings file is not readable");
        }
        Config user;
        try {
            user = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
        } catch (ConfigException e) {
            throw SettingsReader.translate(e, file.toString());
        }
        return layered(user, file.toString());
    }

    /** {@code explicit} if given (it must exist), else {@code defaultFile} if it exists, else the defaults. */
    public static VigilSettings load(Optional<Path> explicit, Path defaultFile) {
        if (explicit.isPresent()) {
            return load(explicit.get());
        }
        return Files.exists(defaultFile) ? load(defaultFile) : defaults();
    }

    /** {@link #load(Optional, Path)} with {@link #DEFAULT_FILE}. */
    public static VigilSettings load(Optional<Path> explicit) {
        return load(explicit, DEFAULT_FILE);
    }

    /** Reads settings from HOCON text; {@code sourceName} names it in error messages. */
    public static VigilSettings parse(String hocon, String sourceName) {
        Config user;
        try {
            user = ConfigFactory.parseString(hocon,
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription(sourceName));
        } catch (ConfigException e) {
            throw SettingsReader.translate(e, sourceName);
        }
        return layered(user, sourceName);
    }

    private static VigilSettings layered(Config user, String sourceName) {
        Config merged;
        Config resolvedUser;
        try {
            merged = user.withFallback(Reference.CONFIG).resolve();
            resolvedUser = user.resolveWith(merged);
        } catch (ConfigException e) {
            throw SettingsReader.translate(e, sourceName);
        }
        rejectUnknownKeys(resolvedUser, sourceName);
        return build(merged, sourceName);
    }

    private static void rejectUnknownKeys(Config user, String sourceName) {
        SettingsReader located = new SettingsReader(user, sourceName);
        user.entrySet().stream()
                .map(Map.Entry::getKey)
                .filter(path -> !Reference.CONFIG.hasPathOrNull(path))
                .sorted((a, b) -> Integer.compare(user.getValue(a).origin().lineNumber(),
                        user.getValue(b).origin().lineNumber()))
                .findFirst()
                .ifPresent(path -> {
                    throw located.invalid(path, "unknown setting (see reference.conf for the valid keys)");
                });
    }

    private static VigilSettings build(Config c, String sourceName) {
        SettingsReader r = new SettingsReader(c, sourceName);
        Logging logging = new Logging(
                r.enumValue("vigil.logging.format", LogFormat.class),
                r.enumValue("vigil.logging.destination", LogDestination.class),
                r.absolutePath("vigil.logging.file"),
                r.facility("vigil.logging.facility"),
                r.bool("vigil.logging.detail"));
        Status status = new Status(r.absolutePath("vigil.status.socket"));
        Metrics metrics = new Metrics(
                r.bool("vigil.metrics.enabled"),
                r.nonEmptyString("vigil.metrics.host"),
                r.intIn("vigil.metrics.port", 1, 65535));
        Backoff retry = new Backoff(
                r.positiveDuration("vigil.email.retry.initial"),
                r.positiveDuration("vigil.email.retry.max"));
        if (retry.initial().compareTo(retry.max()) > 0) {
            throw r.invalid("vigil.email.retry.initial", "must not exceed vigil.email.retry.max ("
                    + c.getValue("vigil.email.retry.max").unwrapped() + ")");
        }
        Email email = new Email(
                r.enumValue("vigil.email.starttls", StartTls.class),
                new Auth(r.string("vigil.email.auth.user"), r.string("vigil.email.auth.password")),
                r.intIn("vigil.email.queue-capacity", 1, 1_000_000),
                retry,
                flapDigest(r, c));
        Timers timers = new Timers(
                r.intIn("vigil.timers.vrrp-thread-priority", Thread.MIN_PRIORITY, Thread.MAX_PRIORITY),
                r.positiveDuration("vigil.timers.shutdown-grace"));
        return new VigilSettings(logging, status, metrics, email, timers,
                new VigilSettings.Checkers(r.enumValue("vigil.checkers.ipvs", VigilSettings.IpvsTarget.class)));
    }

    private static FlapDigest flapDigest(SettingsReader r, Config c) {
        FlapDigest flap = new FlapDigest(r.intIn("vigil.email.flap-digest.threshold", 2, 1000),
                r.positiveDuration("vigil.email.flap-digest.hold"),
                r.positiveDuration("vigil.email.flap-digest.max-hold"));
        if (flap.hold().compareTo(flap.maxHold()) > 0) {
            throw r.invalid("vigil.email.flap-digest.hold", "must not exceed vigil.email.flap-digest.max-hold ("
                    + c.getValue("vigil.email.flap-digest.max-hold").unwrapped() + ")");
        }
        return flap;
    }

    /** reference.conf of this module, parsed once (not merged with other libraries' reference.conf files). */
    private static final class Reference {
        static final Config CONFIG = ConfigFactory.parseResources(SettingsLoader.class, "/" + REFERENCE,
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    }
}
