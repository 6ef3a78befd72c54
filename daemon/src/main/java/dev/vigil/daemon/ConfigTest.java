package dev.vigil.daemon;

import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.ModelDump;
import dev.vigil.conf.settings.SettingsException;
import dev.vigil.conf.settings.SettingsLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code -t/--config-test[=LOGFILE]}: checks keepalived.conf (and Vigil's settings) without starting anything.
 * Diagnostics go to stderr, or to LOGFILE, one per line; the exit code is keepalived 2.2.7's: 0 ok, 4 cannot run,
 * 5 errors but would run, 6 script security. A settings file that cannot be used also means 4 (Vigil would refuse
 * to start).
 */
final class ConfigTest {
    private final ConfigReader reader;
    private final PrintWriter out;
    private final PrintWriter err;

    ConfigTest(ConfigReader reader, PrintWriter out, PrintWriter err) {
        this.reader = reader;
        this.out = out;
        this.err = err;
    }

    /**
     * @param logFile where diagnostics go instead of stderr
     * @param dump    also print the parsed model (JSON) on stdout, as {@code -t -d}
     */
    int run(Path configFile, LoadOptions loadOptions, Optional<Path> logFile, boolean dump,
            Optional<Path> settingsFile) {
        LoadResult result = reader.load(configFile, loadOptions);
        int code = result.configTestExitCode();
        String settingsProblem = null;
        try {
            SettingsLoader.load(settingsFile);
        } catch (SettingsException e) {
            settingsProblem = e.getMessage();
            code = 4;
        }
        if (logFile.isPresent()) {
            try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile.get(), StandardCharsets.UTF_8))) {
                report(result, settingsProblem, log);
            } catch (IOException e) {
                err.println("Cannot write " + logFile.get() + ": " + e.getMessage());
                err.flush();
                return 4;
            }
        } else {
            report(result, settingsProblem, err);
        }
        if (dump && !Diagnostics.cannotRun(result) && settingsProblem == null) {
            out.println(ModelDump.json(result.config()));
            out.flush();
        }
        return code;
    }

    private static void report(LoadResult result, String settingsProblem, PrintWriter sink) {
        Diagnostics.print(result.diagnostics(), sink);
        if (settingsProblem != null) {
            sink.println(settingsProblem);
            sink.flush();
        }
    }
}
