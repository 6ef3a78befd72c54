package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.healthchecker.Endpoint;
import dev.vigil.healthchecker.RealServerStatus;
import dev.vigil.healthchecker.RealServerStatus.CheckerStatus;
import dev.vigil.healthchecker.VirtualServerKey;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckerStatusSourceTest {
    static final KeepalivedConfig CONFIG = ConfigLoader.load(Path.of("k.conf"), """
            virtual_server 10.99.0.100 80 {
                delay_loop 5
                lb_algo rr
                lb_kind DR
                protocol TCP
                quorum 2
                real_server 10.99.0.11 80 {
                    weight 1
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
                real_server 10.99.0.12 80 {
                    weight 1
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
            }
            """, LoadOptions.defaults()).config();

    static RealServerStatus rs(String ip, boolean up) throws Exception {
        VirtualServerKey vs = VirtualServerKey.of(Endpoint.tcp(InetAddress.getByName("10.99.0.100"), 80));
        return new RealServerStatus(vs, Endpoint.tcp(InetAddress.getByName(ip), 80), up, 1,
                List.of(new CheckerStatus("TCP_CHECK", up, up ? null : "connection refused")));
    }

    @Test
    void showsEachVirtualServerWithItsRealServersHealthAndQuorum() throws Exception {
        List<RealServerStatus> health = List.of(rs("10.99.0.11", true), rs("10.99.0.12", false));
        StatusSnapshot.Part part = new CheckerStatusSource(() -> CONFIG, () -> health).contribute();

        assertEquals(1, part.virtualServers().size());
        StatusSnapshot.VirtualServer vs = part.virtualServers().get(0);
        assertEquals("10.99.0.100:80", vs.address().replace("[", "").replace("]", "").replace(":tcp", ""));
        assertEquals("rr", vs.scheduler());
        assertEquals(2, vs.quorum());
        assertFalse(vs.quorumUp(), "one healthy server of weight 1 is below quorum 2");
        assertEquals(2, vs.realServers().size());
        assertTrue(vs.realServers().get(0).healthy());
        assertNull(vs.realServers().get(0).lastReason());
        assertFalse(vs.realServers().get(1).healthy());
        assertEquals("TCP_CHECK: connection refused", vs.realServers().get(1).lastReason());

        List<RealServerStatus> allUp = List.of(rs("10.99.0.11", true), rs("10.99.0.12", true));
        assertTrue(new CheckerStatusSource(() -> CONFIG, () -> allUp).contribute().virtualServers().get(0).quorumUp());
    }

    @Test
    void nothingWhenTheCheckersDoNotRun() {
        assertTrue(new CheckerStatusSource(() -> CONFIG, List::of).contribute().virtualServers().isEmpty());
    }
}
