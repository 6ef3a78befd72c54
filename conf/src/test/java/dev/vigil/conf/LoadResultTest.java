package dev.vigil.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.conf.model.KeepalivedConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadResultTest {
    private static LoadResult withWorst(Severity... severities) {
        return new LoadResult(KeepalivedConfig.empty(),
                java.util.Arrays.stream(severities).map(s -> new Diagnostic(s, SourcePos.NONE, "", "x")).toList());
    }

    @Test
    void exitCodesFollowKeepalived227() {
        assertEquals(0, withWorst().configTestExitCode());
        assertEquals(0, withWorst(Severity.INFO).configTestExitCode());
        assertEquals(5, withWorst(Severity.INFO, Severity.WARNING).configTestExitCode());
        assertEquals(5, withWorst(Severity.ERROR).configTestExitCode());
        assertEquals(6, withWorst(Severity.ERROR, Severity.SECURITY).configTestExitCode());
        assertEquals(6, withWorst(Severity.SECURITY, Severity.FATAL, Severity.WARNING).configTestExitCode());
        // keepalived keeps the numerically highest config_err_t: "would run" errors outrank CONFIG_FATAL.
        assertEquals(4, withWorst(Severity.FATAL).configTestExitCode());
        assertEquals(5, withWorst(Severity.FATAL, Severity.WARNING).configTestExitCode());
    }

    @Test
    void diagnosticPrintsFileLineColumn() {
        Diagnostic d = new Diagnostic(Severity.ERROR, new SourcePos("k.conf", 3, 7), "}", "Extra '}' found");
        assertEquals("k.conf:3:7: error: Extra '}' found", d.toString());
        assertEquals(List.of(), new LoadResult(KeepalivedConfig.empty(), List.of()).diagnostics());
    }
}
