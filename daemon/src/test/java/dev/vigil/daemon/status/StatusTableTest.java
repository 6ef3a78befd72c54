package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {
    private final String text = StatusTable.render(Snapshots.sample());
    private final List<String> lines = Arrays.asList(text.split("\n"));

    @Test
    void headerNamesTheDaemon() {
        assertEquals("Vigil 0.1.0-TEST, pid 4242, started 2026-11-21 05:38:14Z", lines.get(0));
        assertEquals("Configuration: /etc/keepalived/keepalived.conf", lines.get(1));
        assertEquals("Last reload: none", lines.get(2));
    }

    @Test
    void everyInstanceShowsStatePrioritiesMasterVipsAndLastTransition() {
        String vi1 = line("VI_1 ");
        assertTrue(vi1.matches("VI_1 +eth0 +51 +MASTER +150 +150 +10\\.77\\.0\\.2 +10\\.77\\.0\\.100,10\\.77\\.0\\.101 "
                + "\\(set\\) +2026-11-21 05:38:26Z +no advert received for 3 intervals"), vi1);
        String web = line("VI_WEB ");
        assertTrue(web.matches("VI_WEB +eth1 +52 +BACKUP +100 +90 +10\\.78\\.0\\.3 +10\\.78\\.0\\.200 \\(not set\\) +- +-"),
                web);
    }

    @Test
    void columnsAreAligned() {
        int header = lines.indexOf(line("INSTANCE "));
        String h = lines.get(header);
        for (String column : List.of("STATE", "EFFECTIVE", "MASTER", "VIPS", "LAST TRANSITION")) {
            int at = h.indexOf(column);
            for (String row : lines.subList(header + 1, header + 3)) {
                assertTrue(row.charAt(at - 1) == ' ' && row.charAt(at) != ' ', column + " misaligned in\n" + text);
            }
        }
        lines.forEach(l -> assertFalse(l.endsWith(" "), "trailing blank: '" + l + "'"));
    }

    @Test
    void virtualServersListEveryRealServerWithHealth() {
        assertTrue(line("10.77.0.100:80").matches("10\\.77\\.0\\.100:80 +TCP +wrr +1 up \\(sum 3\\) +10\\.77\\.1\\.1:8080 +3 +UP .*"),
                text);
        String down = line("  10.77.1.2:8080");
        assertTrue(down.matches(" +10\\.77\\.1\\.2:8080 +1 +DOWN +2026-11-21 05:38:26Z +TCP connection .* failed"),
                down);
    }

    @Test
    void countersArePerInstanceColumns() {
        assertTrue(line("COUNTER").matches("COUNTER +VI_1 +VI_WEB"), text);
        assertTrue(line("advert sent").matches("advert sent +3 +0"), text);
        assertTrue(line("auth failure").matches("auth failure +0 +4"), text);
    }

    @Test
    void emptySectionsSayNone() {
        String empty = StatusTable.render(new StatusSnapshot(
                Snapshots.daemon(Instant.parse("2026-11-21T06:00:00Z"), DaemonStatus.RELOAD_ABORTED),
                List.of(), List.of()));
        assertTrue(empty.contains("Last reload: 2026-11-21 06:00:00Z, aborted (running configuration kept)\n"), empty);
        assertTrue(empty.contains("VRRP instances\n  (none)\n"), empty);
        assertTrue(empty.contains("Virtual servers\n  (none)\n"), empty);
        assertFalse(empty.contains("COUNTER"), empty);
    }

    private String line(String containing) {
        return lines.stream().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + containing + "' in\n" + text));
    }
}
