package dev.vigil.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Test-only entry point: {@code FaultInjectingMain TRIGGER [vigil options]} runs the daemon as {@link Main} does and,
 * each time the file {@code TRIGGER} appears, deletes it and kills the VRRP thread as an uncaught bug would
 * ({@link VrrpService#injectFault()}). Lets process tests crash the VRRP subsystem of a real daemon.
 */
public final class FaultInjectingMain {
    private FaultInjectingMain() {
    }

    public static void main(String[] args) {
        Path trigger = Path.of(args[0]);
        CommandLine cli = new CommandLine(new VigilCommand(ConfigReader.KEEPALIVED_CONF,
                (reader, options) -> DaemonRun.posix(reader, options)
                        .onContextStarted(context -> watch(trigger, context.getBean(VrrpService.class))).run()));
        System.exit(cli.execute(Arrays.copyOfRange(args, 1, args.length)));
    }

    private static void watch(Path trigger, VrrpService vrrp) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    if (Files.deleteIfExists(trigger)) {
                        vrrp.injectFault();
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        }, "fault-trigger");
        t.setDaemon(true);
        t.start();
    }
}
