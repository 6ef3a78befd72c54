package dev.vigil.daemon.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.daemon.ExitCodes;
import dev.vigil.linux.Capabilities;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil lab}: the classic director pair in network namespaces, a live failover and its timeline. Needs root
 * (it creates namespaces); removes everything on exit, on failure and on Ctrl-C.
 */
@Command(name = "lab", usageHelpWidth = 100,
        header = "Run a director pair in network namespaces, fail the master and show the timeline (root).",
        description = {"Build a director pair (two Vigil daemons, MASTER 150 / BACKUP 100), two real servers, a client "
                + "and an SMTP sink in network namespaces; show who is master, the client reaching the VIP, the "
                + "alert mails; kill the master and show the failover timeline; then clean everything up. Needs root."},
        footer = {"", "Exit codes: 0 the failover happened as expected; 1 the lab failed (the reason is printed); "
                + "4 not root."})
public final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--non-interactive", description = "Don't wait for Enter: fail the master once the pair is "
            + "steady, print the timeline and clean up (also the case when stdin is not a terminal).")
    boolean nonInteractive;

    @Option(names = "--json", description = "Print the result (timeline, memory, mails) as JSON on stdout; the live "
            + "lines go to stderr.")
    boolean json;

    @Option(names = "--advert-int", paramLabel = "SECONDS", description = "The directors' advert_int "
            + "(default: ${DEFAULT-VALUE}).")
    int advertInt = 1;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help and exit.")
    boolean help;

    /**
     * The result as indented JSON with snake_case names. The mapper is built here, not in a static field: picocli
     * instantiates every subcommand for every run of {@code vigil}, and a daemon must not load Jackson's databind for
     * a command it does not run.
     */
    static String json(LabResult result) throws IOException {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
    }

    private static boolean privileged() {
        try {
            Capabilities caps = Capabilities.current();
            return caps.has(Capabilities.CAP_SYS_ADMIN) && caps.hasNetAdmin() && caps.hasNetRaw();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (advertInt < 1 || advertInt > 255) {
            err.println("--advert-int must be 1..255 seconds, got " + advertInt);
            err.flush();
            return ExitCodes.FATAL;
        }
        if (!privileged()) {
            err.println("vigil lab needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_NET_RAW): it creates network "
                    + "namespaces and runs VRRP daemons in them");
            err.flush();
            return ExitCodes.MISSING_PERMISSION;
        }
        boolean interactive = !nonInteractive && System.console() != null;
        Lab lab = new Lab(new LabOptions(advertInt, interactive), new LabConsole(json ? err : out, System.nanoTime()),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), DaemonLaunch.command());
        Thread hook = new Thread(lab::cleanup, "lab-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LabResult result = lab.run();
            if (json) {
                out.println(json(result));
                out.flush();
            }
            return ExitCodes.OK;
        } catch (Lab.LabFailure | IOException e) {
            err.println("vigil lab failed: " + e.getMessage());
            err.flush();
            return ExitCodes.FATAL;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook does the cleanup
            }
        }
    }
}
