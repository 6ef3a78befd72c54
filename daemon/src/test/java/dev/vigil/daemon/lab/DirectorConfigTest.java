package dev.vigil.daemon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.ForwardingMethod;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VrrpInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directors' generated keepalived.conf is clean for Vigil's own parser and says what the lab means. */
class DirectorConfigTest {
    @TempDir
    Path dir;

    @Test
    void masterConfigWithVirtualServerParsesWithoutAnyDiagnostic() throws IOException {
        LoadResult r = load(DirectorConfig.render(LabTopology.DIRECTOR1, 2, true, dir.resolve("notify.fifo")));
        assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
        VrrpInstance vi = r.config().vrrpInstances().get(0);
        assertEquals("VI_1", vi.name());
        assertEquals(150, vi.priority());
        assertEquals(LabTopology.VRID, vi.virtualRouterId());
        assertEquals(Duration.ofSeconds(2), vi.advertInterval());
        assertTrue(vi.smtpAlert(), "alert mails are on");
        assertEquals(LabTopology.VIP, vi.virtualIpAddresses().get(0).cidr().address().getHostAddress());
        assertEquals("director1", r.config().globalDefs().routerId());
        assertEquals(LabTopology.MAIL.ip(), r.config().globalDefs().smtpServer());
        assertEquals(LabTopology.SMTP_PORT, r.config().globalDefs().smtpPort());
        assertEquals(dir.resolve("notify.fifo").toString(), r.config().globalDefs().notifyFifo().command());
        VirtualServer vs = r.config().virtualServers().get(0);
        assertEquals(ForwardingMethod.DR, vs.method());
        assertEquals(2, vs.realServers().size());
        assertEquals(LabTopology.REAL_SERVERS.get(1).ip(), vs.realServers().get(1).address().getHostAddress());
    }

    @Test
    void backupConfigWithoutIpvsHasNoVirtualServer() throws IOException {
        LoadResult r = load(DirectorConfig.render(LabTopology.DIRECTOR2, 1, false, dir.resolve("notify.fifo")));
        assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
        assertEquals(100, r.config().vrrpInstances().get(0).priority());
        assertEquals("director2", r.config().globalDefs().routerId());
        assertTrue(r.config().virtualServers().isEmpty());
    }

    private LoadResult load(String conf) throws IOException {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), conf);
        return ConfigLoader.load(file, LoadOptions.defaults());
    }
}
