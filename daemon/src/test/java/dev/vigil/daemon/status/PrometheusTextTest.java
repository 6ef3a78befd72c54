package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private final String text = PrometheusText.render(Snapshots.sample());
    private final List<String> lines = text.lines().toList();

    @Test
    void buildInfo() {
        assertTrue(lines.contains("vigil_build_info{version=\"0.1.0-TEST\"} 1"), text);
    }

    @Test
    void oneStateSeriesPerStateWithTheCurrentOneSet() {
        assertTrue(lines.contains("vigil_vrrp_instance_state{instance=\"VI_1\",state=\"MASTER\"} 1"), text);
        assertTrue(lines.contains("vigil_vrrp_instance_state{instance=\"VI_1\",state=\"BACKUP\"} 0"), text);
        assertTrue(lines.contains("vigil_vrrp_instance_state{instance=\"VI_WEB\",state=\"BACKUP\"} 1"), text);
        assertEquals(2, lines.stream().filter(l -> l.startsWith("vigil_vrrp_instance_state{") && l.endsWith(" 1"))
                .count());
    }

    @Test
    void prioritiesAndCounters() {
        assertTrue(lines.contains("vigil_vrrp_instance_effective_priority{instance=\"VI_WEB\"} 90"), text);
        assertTrue(lines.contains("vigil_vrrp_instance_base_priority{instance=\"VI_WEB\"} 100"), text);
        assertTrue(lines.contains("vigil_vrrp_adverts_sent_total{instance=\"VI_1\"} 3"), text);
        assertTrue(lines.contains("vigil_vrrp_advert_errors_total{instance=\"VI_WEB\",reason=\"auth_failure\"} 4"),
                text);
    }

    @Test
    void realServerHealthAndQuorum() {
        assertTrue(lines.contains("vigil_real_server_up{virtual_server=\"10.77.0.100:80\",protocol=\"TCP\","
                + "real_server=\"10.77.1.2:8080\"} 0"), text);
        assertTrue(lines.contains("vigil_virtual_server_quorum_up{virtual_server=\"10.77.0.100:80\",protocol=\"TCP\"} 1"),
                text);
        assertTrue(lines.contains("vigil_virtual_server_weight_sum{virtual_server=\"10.77.0.100:80\",protocol=\"TCP\"} 3"),
                text);
        assertTrue(lines.contains(
                "vigil_virtual_server_sorry_server_active{virtual_server=\"10.77.0.100:80\",protocol=\"TCP\"} 0"), text);
        assertTrue(lines.contains("vigil_virtual_server_suspended{virtual_server=\"10.77.0.100:80\",protocol=\"TCP\"} 0"),
                text);
    }

    @Test
    void wellFormed() {
        Pattern sample = Pattern.compile("[a-z_]+(\\{([a-z_]+=\"([^\"\\\\]|\\\\.)*\",?)*\\})? -?\\d+");
        String family = null;
        for (String l : lines) {
            if (l.startsWith("# TYPE ")) {
                family = l.split(" ")[2];
                assertFalse(text.indexOf("# TYPE " + family + " ") != text.lastIndexOf("# TYPE " + family + " "),
                        "one TYPE line per family: " + family);
            } else if (!l.startsWith("# HELP ")) {
                assertTrue(sample.matcher(l).matches(), "malformed: " + l);
                assertTrue(l.startsWith(family + "{") || l.startsWith(family + " "), l + " outside its family");
            }
        }
    }

    @Test
    void labelValuesAreEscaped() {
        assertEquals("{a=\"x\\\"y\\\\z\\n\"}", PrometheusText.labels("a", "x\"y\\z\n"));
    }
}
