package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The checker bean on this machine's kernel, which has no IPVS: one clear error line, the checker side off, nothing
 * thrown (so VRRP starts). With {@code -P} or without virtual servers it does not even look for IPVS.
 */
@Tag("netns")
class CheckerServiceTest {
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CheckerService.class);

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    private CheckerService service(String conf, String... flags) throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, conf);
        LoadResult loaded = ConfigLoader.load(file, LoadOptions.defaults());
        Cli cli = new Cli(loaded);
        String[] args = new String[flags.length + 2];
        args[0] = "-f";
        args[1] = file.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        assertEquals(0, cli.run(args).code());
        CurrentConfig current = new CurrentConfig(loaded);
        Supervisor supervisor = new Supervisor(cli.daemonStarted.get(), new SignalRouter());
        supervisor.close(); // only watched: nothing dies in these tests
        return new CheckerService(cli.daemonStarted.get(), current, new Notifications(current), supervisor);
    }

    private static final String LVS = """
            virtual_server 10.9.0.1 80 {
              lb_algo rr
              lb_kind NAT
              protocol TCP
              real_server 127.0.0.1 1 {
                TCP_CHECK {
                  connect_timeout 1
                }
              }
            }
            """;

    @Test
    void missingIpvsIsOneErrorLineAndTheCheckersAreOff() throws Exception {
        CheckerService s = service(LVS);
        List<String> errors = logs.list.stream().filter(e -> e.getLevel().toString().equals("ERROR"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("IPVS") && errors.get(0).contains("VRRP is unaffected"), errors.get(0));
        assertFalse(s.running());
        assertTrue(s.status().isEmpty());
        s.vrrpInstanceStateChanged("VI_1", true);   // the seam is harmless when the checkers are off
        s.stop();
    }

    @Test
    void ipvsListWithoutIpvsIsOneErrorAndExitOne() {
        Cli.Outcome r = new Cli().run("ipvs", "list");
        assertEquals(ExitCodes.FATAL, r.code());
        assertTrue(r.err().startsWith("IPVS: Can't initialize ipvs"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void dashPAndNoVirtualServersDoNotLookForIpvs() throws Exception {
        assertFalse(service(LVS, "-P").running());
        assertFalse(service("global_defs {\n  router_id x\n}\n").running());
        assertTrue(logs.list.isEmpty(), logs.list.toString());
    }
}
