package dev.vigil.conf;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import dev.vigil.conf.model.KeepalivedConfig;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a parsed model for {@code vigil config dump} and {@code -d/--dump-conf}. The model's records are walked
 * generically: record components become keys (in declaration order), durations print as seconds ("1.5s"),
 * addresses as text ("10.0.0.1/24" for prefixes), sealed variants get a "kind" key, nulls are left out.
 */
public final class ModelDump {
    private ModelDump() {
    }

    /** The model as JSON (parameters, includes and defaults applied). */
    public static String json(KeepalivedConfig config) {
        return value(config).render(ConfigRenderOptions.concise().setFormatted(true).setJson(true));
    }

    /** The model as HOCON. */
    public static String hocon(KeepalivedConfig config) {
        return value(config).render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false)
                .setJson(false).setFormatted(true));
    }

    private static ConfigValue value(KeepalivedConfig config) {
        return ConfigValueFactory.fromAnyRef(plain(config));
    }

    /** Converts a model value into maps, lists, strings, numbers and booleans. */
    static Object plain(Object o) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean) {
            return o;
        }
        if (o instanceof Duration d) {
            return seconds(d);
        }
        if (o instanceof dev.vigil.conf.model.Cidr c) {
            return c.toString();
        }
        if (o instanceof InetAddress a) {
            return dev.vigil.conf.model.Addresses.format(a);
        }
        if (o instanceof Enum<?> e) {
            return e.name();
        }
        if (o instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (o instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            Class<?> c = r.getClass();
            if (c.getEnclosingClass() != null && c.getEnclosingClass().isSealed()) {
                out.put("kind", c.getSimpleName());
            }
            for (RecordComponent rc : c.getRecordComponents()) {
                try {
                    Object v = plain(rc.getAccessor().invoke(r));
                    if (v != null) {
                        out.put(rc.getName(), v);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }
        return o.toString();
    }

    private static String seconds(Duration d) {
        java.math.BigDecimal s = java.math.BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros();
        return s.toPlainString() + "s";
    }
}
