package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.healthchecker.spec.CheckerSpec;
import dev.vigil.healthchecker.spec.FileCheck;
import dev.vigil.healthchecker.spec.HttpGet;
import dev.vigil.healthchecker.spec.HttpProtocol;
import dev.vigil.healthchecker.spec.MiscCheck;
import dev.vigil.healthchecker.spec.SslGet;
import dev.vigil.healthchecker.spec.StatusRange;
import dev.vigil.healthchecker.spec.TcpCheck;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived.conf text → conf model → checker specs. */
class ConfCheckersTest {

    @TempDir
    Path dir;

    private List<ConfCheckers.Target> load(String text) throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, text);
        LoadResult result = ConfigLoader.load(conf, LoadOptions.defaults());
        assertFalse(result.hasErrors(), result.diagnostics().toString());
        return ConfCheckers.targets(result.config());
    }

    @Test
    void mapsCheckersWithInheritedValues() throws Exception {
        List<ConfCheckers.Target> targets = load("""
                global_defs {
                    checker_log_all_failures true
                }
                track_file tf {
                    file /run/tf
                }
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    lb_kind NAT
                    delay_loop 7
                    protocol TCP
                    virtualhost vs.example
                    real_server 192.168.1.2 8080 {
                        weight 3
                        TCP_CHECK {
                            connect_timeout 2
                        }
                        HTTP_GET {
                            url {
                                path /health
                                digest 5D41402ABC4B2A76B9719D911017C592
                                status_code 200-204
                            }
                            http_protocol 1.1
                        }
                        MISC_CHECK {
                            misc_path "/usr/local/bin/chk 'a b'"
                            misc_dynamic
                        }
                    }
                    real_server 192.168.1.3 8443 {
                        virtualhost rs.example
                        SSL_GET {
                            url {
                                path /
                            }
                            enable_sni
                        }
                        FILE_CHECK {
                            track_file tf
                        }
                    }
                }
                """);
        assertEquals(2, targets.size());
        ConfCheckers.Target first = targets.get(0);
        assertEquals("[10.0.0.1]:tcp:80", first.vs().toString());
        assertEquals("[192.168.1.2]:tcp:8080", first.rs().toString());
        assertEquals(3, first.weight());
        List<CheckerSpec> c = first.checkers();
        TcpCheck tcp = (TcpCheck) c.get(0);
        assertEquals(Duration.ofSeconds(2), tcp.common().connectTimeout());
        assertEquals(Duration.ofSeconds(7), tcp.common().delayLoop(), "delay_loop from the virtual server");
        assertTrue(tcp.common().logAllFailures(), "checker_log_all_failures");
        assertEquals(InetAddress.getByName("192.168.1.2"), tcp.common().connectIp());
        HttpGet http = (HttpGet) c.get(1);
        assertEquals(HttpProtocol.HTTP_1_1, http.protocol());
        assertEquals("vs.example", http.virtualhost(), "virtualhost inherited from the virtual server");
        assertEquals("5d41402abc4b2a76b9719d911017c592", http.urls().get(0).digest());
        assertEquals(List.of(new StatusRange(200, 204)), http.urls().get(0).statusCodes());
        assertEquals(Duration.ofSeconds(3), http.common().delayBeforeRetry());
        MiscCheck misc = (MiscCheck) c.get(2);
        assertEquals("/usr/local/bin/chk 'a b'", misc.miscPath());
        assertTrue(misc.dynamic());
        assertEquals(Duration.ofSeconds(7), misc.effectiveTimeout());
        assertEquals(0, misc.common().retry());

        List<CheckerSpec> second = targets.get(1).checkers();
        SslGet ssl = (SslGet) second.get(0);
        assertTrue(ssl.enableSni());
        assertEquals("rs.example", ssl.virtualhost(), "the real server's virtualhost wins over the virtual server's");
        FileCheck file = (FileCheck) second.get(1);
        assertEquals(Path.of("/run/tf"), file.file());
    }

    @Test
    void fwmarkAndUdpVirtualServers() throws Exception {
        List<ConfCheckers.Target> targets = load("""
                virtual_server fwmark 5 {
                    lb_algo rr
                    lb_kind DR
                    real_server 192.168.1.2 {
                        DNS_CHECK {
                            connect_port 53
                            type A
                            name example.org
                        }
                    }
                }
                virtual_server 10.0.0.1 53 {
                    lb_algo rr
                    lb_kind NAT
                    protocol UDP
                    real_server 192.168.1.2 53 {
                        PING_CHECK {
                        }
                    }
                }
                """);
        assertEquals("FWM 5", targets.get(0).vs().toString());
        assertEquals("[192.168.1.2]:udp:53", targets.get(1).rs().toString());
        assertEquals(3, targets.get(0).checkers().get(0).common().retry(), "DNS_CHECK retries 3 times");
        assertEquals(53, targets.get(0).checkers().get(0).common().connectPort());
    }

    @Test
    void configDrivesTheEngineEndToEnd() throws Exception {
        try (TestTcpServer web = TestTcpServer.http(TestTcpServer.response(200, "hello"))) {
            List<ConfCheckers.Target> targets = load("""
                    virtual_server 127.0.0.1 80 {
                        lb_algo rr
                        lb_kind NAT
                        protocol TCP
                        delay_loop 1
                        alpha
                        real_server 127.0.0.1 %d {
                            HTTP_GET {
                                url {
                                    path /
                                    digest 5d41402abc4b2a76b9719d911017c592
                                }
                                connect_timeout 2
                                warmup 0
                            }
                        }
                    }
                    """.formatted(web.port()));
            java.util.concurrent.BlockingQueue<RealServerHealthChanged> events =
                    new java.util.concurrent.LinkedBlockingQueue<>();
            try (HealthCheckerEngine engine = new HealthCheckerEngine(events::add, HealthCheckerEngineTest.options())) {
                assertEquals(List.of(false), engine.sync(targets), "alpha: starts down");
                RealServerHealthChanged up = events.poll(30, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(up != null && up.up(), String.valueOf(up));
                assertEquals("Remote Web server [127.0.0.1]:tcp:" + web.port() + " succeed on service.", up.detail());
            }
            String request = new String(web.requests.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + web.port()
                    + "\r\n\r\n", request);
        }
    }
}
