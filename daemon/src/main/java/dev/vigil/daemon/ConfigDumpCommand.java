package dev.vigil.daemon;

import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.ModelDump;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil config dump}: prints the parsed keepalived.conf (includes, parameters and defaults applied) as JSON or
 * HOCON on stdout; diagnostics go to stderr. Exits 4 (printing nothing) when the configuration cannot run, else 0.
 */
@Command(name = "dump", description = "Print the parsed keepalived.conf (includes, parameters and defaults applied).")
public final class ConfigDumpCommand implements Callable<Integer> {
    /** Output format. */
    enum Format { JSON, HOCON }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path configFile = DaemonOptions.DEFAULT_CONFIG_FILE;

    @Option(names = "--format", paramLabel = "json|hocon", description = "Output format (default: json).")
    Format format = Format.JSON;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Keep only '@ID' lines for this id.")
    String configId;

    @Option(names = {"-e", "--all-config"}, description = "Error if any configuration file is missing.")
    boolean allConfig;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help and exit.")
    boolean help;

    private final ConfigReader reader;

    public ConfigDumpCommand(ConfigReader reader) {
        this.reader = reader;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadResult result = reader.load(configFile, new LoadOptions(configId, allConfig));
        Diagnostics.print(result.diagnostics(), spec.commandLine().getErr());
        if (Diagnostics.cannotRun(result)) {
            return 4;
        }
        out.println(format == Format.JSON ? ModelDump.json(result.config()) : ModelDump.hocon(result.config()));
        out.flush();
        return ExitCodes.OK;
    }
}
