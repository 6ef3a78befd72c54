package dev.vigil.notify.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of every log line. Two rules: a structured field whose name says it holds a secret
 * ({@code auth_pass}, {@code password}, {@code smtp_password}, {@code secret}, {@code token}, ...) is replaced by
 * {@value #MASK}; and any registered secret value (the daemon registers each {@code auth_pass} and the SMTP password
 * after loading the configuration) is replaced by {@value #MASK} wherever it appears in a message or field.
 */
public final class SecretMasker {
    public static final String MASK = "****";
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i).*(pass(word|wd)?|secret|token|credential).*");
    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

    private SecretMasker() {
    }

    /** Registers a secret value to be masked from now on; blank values are ignored. */
    public static void register(String secret) {
        if (secret != null && !secret.isBlank()) {
            SECRETS.add(secret);
        }
    }

    /** Forgets every registered secret (a reload registers the new ones). */
    public static void clear() {
        SECRETS.clear();
    }

    /** Whether a field of this name holds a secret. */
    public static boolean isSecretField(String name) {
        return SECRET_FIELD.matcher(name).matches();
    }

    /** The text with every registered secret replaced. */
    public static String maskText(String text) {
        if (text == null || SECRETS.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : SECRETS) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /** A copy of the fields with secret-named fields masked and registered secrets removed from string values. */
    public static Map<String, Object> maskFields(Map<String, ?> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((name, value) -> out.put(name, isSecretField(name) ? MASK : maskValue(value)));
        return out;
    }

    private static Object maskValue(Object value) {
        return value instanceof CharSequence text ? maskText(text.toString()) : value;
    }
}
