package dev.vigil.conf;

import dev.vigil.conf.model.Defaults;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.parse.Node;
import dev.vigil.conf.parse.Preprocessor;
import dev.vigil.conf.parse.Reporter;
import dev.vigil.conf.parse.TreeBuilder;
import dev.vigil.conf.sections.ConfigReader;
import dev.vigil.conf.sections.Keywords;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of the keepalived.conf reader: file in, typed model plus diagnostics out. Never throws for bad input.
 * Pipeline: {@link Preprocessor} (includes, comments, parameters, conditionals, generators) → {@link TreeBuilder}
 * (statements and blocks) → {@link ConfigReader} (sections, defaults, cross-checks).
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static LoadResult load(Path file, LoadOptions options) {
        return load(file, null, options);
    }

    /**
     * Reads {@code content} as the text of {@code file} (used by tests and by callers that already hold the
     * text); {@code include} lines still resolve relative to the file's directory. Null content reads the file.
     */
    public static LoadResult load(Path file, String content, LoadOptions options) {
        Reporter reporter = new Reporter();
        KeepalivedConfig config;
        try {
            String configId = options.configId() != null ? options.configId() : shortHostName();
            Preprocessor preprocessor = new Preprocessor(options, configId, reporter);
            List<Preprocessor.Line> lines = content == null ? preprocessor.read(file) : preprocessor.read(file, content);
            List<Node> tree = new TreeBuilder(lines, Keywords.BLOCK_KEYWORDS, reporter).build();
            config = new ConfigReader(reporter, options.interfaceExists()).read(tree);
        } catch (RuntimeException | StackOverflowError e) {
            // A reader bug must not take the daemon down: report it like keepalived reports a fatal config error.
            reporter.report(Severity.FATAL, new SourcePos(file.toString(), 0, 0), "",
                    "internal error while reading the configuration: " + e);
            config = KeepalivedConfig.empty();
        }
        return new LoadResult(config, reporter.diagnostics());
    }

    private static String shortHostName() {
        String host = Defaults.hostName();
        int dot = host.indexOf('.');
        return dot > 0 ? host.substring(0, dot) : host;
    }
}
