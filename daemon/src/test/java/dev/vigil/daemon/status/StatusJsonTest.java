package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
    @Test
    void theWholeSnapshotIsOneDocument() throws Exception {
        JsonNode root = new ObjectMapper().readTree(StatusJson.render(Snapshots.sample()));
        assertEquals(4242, root.at("/daemon/pid").asLong());
        assertEquals("2026-11-21T05:38:14Z", root.at("/daemon/started").asText());
        assertTrue(root.at("/daemon/lastReload").isNull());
        JsonNode vi1 = root.at("/instances/0");
        assertEquals("VI_1", vi1.get("name").asText());
        assertEquals("MASTER", vi1.get("state").asText());
        assertEquals(150, vi1.get("basePriority").asInt());
        assertEquals("10.77.0.2", vi1.get("master").asText());
        assertEquals("10.77.0.101", vi1.at("/vips/1").asText());
        assertTrue(vi1.get("vipsSet").asBoolean());
        assertEquals("2026-11-21T05:38:26.848810Z", vi1.get("lastChange").asText());
        assertEquals(3, vi1.at("/counters/ADVERT_SENT").asLong());
        assertEquals(90, root.at("/instances/1/effectivePriority").asInt());
        assertEquals("G1", root.at("/instances/1/syncGroup").asText());
        JsonNode rs = root.at("/virtualServers/0/realServers/1");
        assertEquals("10.77.1.2", rs.get("address").asText());
        assertFalse(rs.get("healthy").asBoolean());
        assertTrue(root.at("/virtualServers/0/quorumUp").asBoolean());
    }
}
