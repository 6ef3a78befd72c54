package dev.vigil.daemon;

import dev.vigil.conf.settings.SettingsException;
import dev.vigil.conf.settings.SettingsLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil status}: asks the running daemon over its status socket. Until the status protocol lands it only
 * tells whether the daemon runs (exit 3, as LSB's "not running", when the socket is absent).
 */
@Command(name = "status", description = "Show the running daemon's state.")
public final class StatusCommand implements Callable<Integer> {
    /** LSB init-script status code "program is not running". */
    static final int NOT_RUNNING = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", description = "Status socket (default: from the settings).")
    Path socket;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Vigil's HOCON settings (default: /etc/vigil/vigil.conf when present).")
    Path settingsFile;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path path = socket;
        if (path == null) {
            try {
                path = SettingsLoader.load(Optional.ofNullable(settingsFile)).status().socket();
            } catch (SettingsException e) {
                spec.commandLine().getErr().println(e.getMessage());
                spec.commandLine().getErr().flush();
                return ExitCodes.CONFIG;
            }
        }
        if (!Files.exists(path)) {
            out.println("Vigil is not running (no status socket at " + path + ")");
            out.flush();
            return NOT_RUNNING;
        }
        out.println("Vigil is running (status socket " + path + "); detailed status is not available yet");
        out.flush();
        return ExitCodes.OK;
    }
}
