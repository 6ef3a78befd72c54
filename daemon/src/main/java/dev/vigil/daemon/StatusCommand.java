package dev.vigil.daemon;

import dev.vigil.conf.settings.SettingsException;
import dev.vigil.conf.settings.SettingsLoader;
import dev.vigil.daemon.status.StatusClient;
import dev.vigil.daemon.status.StatusRequests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil status}: asks the running daemon over its status socket and prints every VRRP instance, virtual and
 * real server and the counters as aligned tables, or ({@code --json}) the machine form. Exit 3 (LSB's "program is
 * not running") when no daemon answers.
 */
@Command(name = "status", description = "Show the running daemon's state.")
public final class StatusCommand implements Callable<Integer> {
    /** LSB init-script status code "program is not running". */
    static final int NOT_RUNNING = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", description = "Status socket (default: from the settings).")
    Path socket;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Vigil's HOCON settings (default: /etc/vigil/vigil.conf when present).")
    Path settingsFile;

    @Option(names = "--json", description = "Print the state as one JSON document.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path path = socket;
        if (path == null) {
            try {
                path = SettingsLoader.load(Optional.ofNullable(settingsFile)).status().socket();
            } catch (SettingsException e) {
                err.println(e.getMessage());
                err.flush();
                return ExitCodes.CONFIG;
            }
        }
        try {
            String answer = StatusClient.ask(path, json ? StatusRequests.STATUS_JSON : StatusRequests.STATUS,
                    TIMEOUT);
            if (answer.startsWith(StatusRequests.ERROR)) {
                err.print(answer);
                err.flush();
                return ExitCodes.FATAL;
            }
            out.print(answer);
            out.flush();
            return ExitCodes.OK;
        } catch (StatusClient.NotRunningException e) {
            out.println("Vigil is not running (" + e.getMessage() + ")");
            out.flush();
            return NOT_RUNNING;
        } catch (IOException e) {
            err.println("Cannot query Vigil: " + e.getMessage());
            err.flush();
            return ExitCodes.FATAL;
        }
    }
}
