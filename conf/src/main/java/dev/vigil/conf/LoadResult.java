package dev.vigil.conf;

import dev.vigil.conf.model.KeepalivedConfig;
import java.util.List;

/** The typed model (never null; possibly partial when there are errors) and every diagnostic, in file order. */
public record LoadResult(KeepalivedConfig config, List<Diagnostic> diagnostics) {

    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity().compareTo(Severity.ERROR) >= 0);
    }

    /** keepalived 2.2.7's {@code --config-test} exit code: 0 ok, 4 cannot run, 5 errors but would run, 6 script security. */
    public int configTestExitCode() {
        Severity worst = diagnostics.stream().map(Diagnostic::severity).max(Enum::compareTo).orElse(Severity.INFO);
        return switch (worst) {
            case FATAL -> 4;
            case SECURITY -> 6;
            case ERROR, WARNING -> 5;
            case INFO -> 0;
        };
    }
}
