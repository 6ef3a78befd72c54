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

    /**
     * keepalived 2.2.7's {@code --config-test} exit code: 0 ok, 4 cannot run, 5 errors but would run, 6 script
     * security. keepalived keeps the numerically highest config_err_t (lib/parser.c), in which the "would run"
     * errors rank above the fatal ones: a fatal problem plus any warning exits 5, and a security error wins.
     */
    public int configTestExitCode() {
        boolean security = false;
        boolean runnable = false;
        boolean fatal = false;
        for (Diagnostic d : diagnostics) {
            switch (d.severity()) {
                case SECURITY -> security = true;
                case ERROR, WARNING -> runnable = true;
                case FATAL -> fatal = true;
                case INFO -> { }
            }
        }
        return security ? 6 : runnable ? 5 : fatal ? 4 : 0;
    }
}
