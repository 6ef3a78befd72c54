package dev.vigil.conf.sections;

import dev.vigil.conf.model.Cidr;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Reporter;
import dev.vigil.conf.parse.Token;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * keepalived's value readers (lib/parser.c {@code read_int()}, {@code read_decimal_unsigned_long()},
 * {@code check_true_false()}, lib/utils.c address parsing) with their messages. Each returns null after reporting
 * when the value is missing or invalid, so callers keep the default.
 */
final class Values {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private final Reporter reporter;
    /** Where script settings came from, for diagnostics raised after parsing (script security). */
    private final java.util.Map<Object, dev.vigil.conf.SourcePos> origins;

    Values(Reporter reporter, java.util.Map<Object, dev.vigil.conf.SourcePos> origins) {
        this.reporter = reporter;
        this.origins = origins;
    }

    /** {@code value} when it was read, else {@code fallback}: an invalid value keeps the setting as it was. */
    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** {@link #or} for the integers {@link #integer} reads into int settings. */
    static Integer intOr(Long value, Integer fallback) {
        return value != null ? Integer.valueOf(value.intValue()) : fallback;
    }

    /** Remembers that {@code item} was configured at {@code t}. */
    <T> T origin(T item, Token t) {
        if (item != null && t != null) {
            origins.put(item, t.pos());
        }
        return item;
    }

    /** Argument {@code i}, or null after keepalived's missing-parameter error. */
    String word(Node n, int i) {
        Token t = n.arg(i);
        if (t == null) {
            reporter.error(n.keyword(), "*** Configuration line starting `" + n.name()
                    + "` is missing a parameter after keyword `" + n.name() + "` at word position " + (i + 2));
            return null;
        }
        return t.text();
    }

    Long integer(Node n, int i, long min, long max) {
        String s = word(n, i);
        return s == null ? null : integer(n.arg(i), min, max);
    }

    Long integer(Token t, long min, long max) {
        String s = t.text();
        long v;
        try {
            v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            reporter.error(t, "invalid number '" + s + "'");
            return null;
        }
        if (v < min || v > max) {
            reporter.error(t, "number '" + s + "' outside range [" + min + ", " + max + "]");
            return null;
        }
        return v;
    }

    /** Decimal seconds with microsecond resolution (keepalived timers). */
    Duration seconds(Node n, int i, double min, double max) {
        String s = word(n, i);
        return s == null ? null : seconds(n.arg(i), min, max);
    }

    Duration seconds(Token t, double min, double max) {
        String s = t.text();
        BigDecimal d;
        try {
            d = new BigDecimal(s);
        } catch (NumberFormatException e) {
            reporter.error(t, "invalid number '" + s + "'");
            return null;
        }
        if (s.contains("e") || s.contains("E")) {
            reporter.error(t, "invalid number '" + s + "'");
            return null;
        }
        if (d.signum() < 0) {
            reporter.error(t, "negative number '" + s + "'");
            return null;
        }
        if (d.scale() > 6) {
            // keepalived reports it but uses the value rounded at the sixth decimal place
            reporter.error(t, "number '" + s + "' has too many decimal places");
            d = d.setScale(6, java.math.RoundingMode.HALF_UP);
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            reporter.error(t, "number '" + s + "' outside range [" + fmt(min) + ", " + fmt(max) + "]");
            return null;
        }
        long micros = d.movePointRight(6).longValue();
        return Duration.ofNanos(micros * 1000);
    }

    /** keepalived prints timer bounds with six decimals ({@code %lu.%06lu}). */
    private static String fmt(double v) {
        return new BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** A flag keyword: no argument means true; otherwise on|off|true|false|yes|no. */
    Boolean bool(Node n, int i) {
        Token t = n.arg(i);
        if (t == null) {
            return Boolean.TRUE;
        }
        Boolean b = parseBool(t.text());
        if (b == null) {
            reporter.error(t, "Invalid " + n.name() + " value '" + t.text() + "' - expected on|off|true|false|yes|no");
        }
        return b;
    }

    static Boolean parseBool(String s) {
        return switch (s) {
            case "true", "on", "yes" -> Boolean.TRUE;
            case "false", "off", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A numeric IPv4/IPv6 address (never resolves names). */
    InetAddress ip(Token t, String what) {
        InetAddress a = parseIp(t.text());
        if (a == null) {
            reporter.error(t, "invalid " + what + " '" + t.text() + "' - expected an IPv4 or IPv6 address");
        }
        return a;
    }

    InetAddress ip(Node n, int i, String what) {
        return word(n, i) == null ? null : ip(n.arg(i), what);
    }

    static InetAddress parseIp(String s) {
        try {
            if (IPV4.matcher(s).matches()) {
                for (String part : s.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        return null;
                    }
                }
                return InetAddress.getByName(s);
            }
            if (s.length() <= 45 && IPV6.matcher(s).matches()) {
                return InetAddress.getByName(s);
            }
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** {@code ADDR[/LEN]}; the default length is the full address. */
    Cidr cidr(Token t, String what) {
        String s = t.text();
        int slash = s.indexOf('/');
        InetAddress a = parseIp(slash < 0 ? s : s.substring(0, slash));
        if (a == null) {
            reporter.error(t, "invalid " + what + " '" + s + "' - expected an IPv4 or IPv6 address");
            return null;
        }
        int max = a.getAddress().length * 8;
        int len = max;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (len < 0) {
                reporter.error(t, "invalid prefix length in " + what + " '" + s + "' - expected 0.." + max);
                return null;
            }
            if (len > max) {
                reporter.error(t, "Invalid address prefix len " + len + " for address " + s + " - using " + max);
                len = max;
            }
        }
        return new Cidr(a, len);
    }

    /** A port number 0..65535. */
    Integer port(Token t) {
        Long v = integer(t, 0, 65535);
        return v == null ? null : v.intValue();
    }

    /** {@code keyword "command" [user [group]]}. */
    NotifyScript script(Node n) {
        String cmd = word(n, 0);
        if (cmd == null) {
            return null;
        }
        if (cmd.isBlank()) {
            reporter.error(n.arg(0), "empty script for '" + n.name() + "'");
            return null;
        }
        return origin(new NotifyScript(cmd, n.argText(1), n.argText(2)), n.arg(0));
    }
}
