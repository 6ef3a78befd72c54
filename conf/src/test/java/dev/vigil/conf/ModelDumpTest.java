package dev.vigil.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.vigil.conf.model.KeepalivedConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vigil config dump}: the model with parameters, includes and defaults applied, as JSON or HOCON. */
class ModelDumpTest {

    private static Config parse(String text, ConfigSyntax syntax) {
        return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setSyntax(syntax));
    }

    @Test
    void jsonShowsDefaultsAndResolvedValues() {
        KeepalivedConfig c = Fixtures.load("valid/lvs-dr-master.conf").config();
        String json = ModelDump.json(c);
        assertTrue(json.startsWith("{"), json);
        Config parsed = parse(json, ConfigSyntax.JSON);
        Config vi = parsed.getConfigList("vrrpInstances").get(0);
        assertEquals("VI_1", vi.getString("name"));
        assertEquals("MASTER", vi.getString("state"));
        assertEquals(150, vi.getInt("priority"));
        assertEquals("1s", vi.getString("advertInterval"));
        assertEquals("PASS", vi.getString("authentication.type"));
        assertEquals("192.168.200.17/24", vi.getConfigList("virtualIpAddresses").get(1).getString("cidr"));
        assertEquals("5s", vi.getString("garp.masterDelay"), "a default, not in the file");
        Config vs = parsed.getConfigList("virtualServers").get(0);
        assertEquals("IpPort", vs.getString("address.kind"));
        assertEquals("192.168.200.16", vs.getString("address.address"));
        Config http = vs.getConfigList("realServers").get(0).getConfigList("checkers").get(0);
        assertEquals("HttpCheck", http.getString("kind"));
        assertEquals("/testurl/test.jsp", http.getConfigList("urls").get(0).getString("path"));
        assertEquals(List.of("admin@example.com", "ops@example.com"),
                parsed.getStringList("globalDefs.notificationEmail"));
        assertFalse(json.contains("null"), "unset values are left out");
    }

    @Test
    void hoconCarriesTheSameModel() {
        KeepalivedConfig c = Fixtures.load("lexical/params.conf").config();
        Config fromHocon = parse(ModelDump.hocon(c), ConfigSyntax.CONF);
        Config fromJson = parse(ModelDump.json(c), ConfigSyntax.JSON);
        assertEquals(fromJson.root().unwrapped(), fromHocon.root().unwrapped());
        Config vi = fromHocon.getConfigList("vrrpInstances").get(0);
        assertEquals("VI_58", vi.getString("name"), "parameters substituted");
        assertEquals(2, vi.getConfigList("virtualIpAddresses").size(), "multi-line parameter expanded");
    }

    @Test
    void microsecondTimersKeepTheirPrecision() {
        KeepalivedConfig c = Fixtures.load("valid/global-defs-full.conf").config();
        Config parsed = parse(ModelDump.json(c), ConfigSyntax.JSON);
        assertEquals("0.001s", parsed.getString("globalDefs.vrrpGarpInterval"));
        assertEquals("0.000001s", parsed.getString("globalDefs.vrrpGnaInterval"));
    }
}
