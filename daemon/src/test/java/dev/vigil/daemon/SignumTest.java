package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignumTest {
    private final Cli cli = new Cli();

    /** The numbers keepalived 2.2.7 printed on this machine (see keepalived-behaviour.md §1.1). */
    @ParameterizedTest
    @CsvSource({"STOP,15", "RELOAD,1", "DATA,10", "STATS,12", "STATS_CLEAR,63", "JSON,36"})
    void printsKeepalivedsNumbers(String function, int number) {
        Cli.Outcome r = cli.run("--signum=" + function);
        assertEquals(0, r.code());
        assertEquals(number + "\n", r.out().replace("\r", ""));
        assertEquals("", r.err());
        assertNull(cli.daemonStarted.get(), "--signum never starts the daemon");
    }

    @ParameterizedTest
    @CsvSource({"FOO", "stop", "TDATA"})
    void unknownFunctionsFailAsKeepalivedDoes(String function) {
        Cli.Outcome r = cli.run("--signum", function);
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("Unknown sigfunc " + function + "\n", r.err());
    }

    @Test
    void signalNumbersMatchTheRouterSignals() {
        assertEquals(15, SignalFunction.STOP.number());
        assertEquals(1, SignalFunction.RELOAD.number());
        assertEquals(10, SignalFunction.DATA.number());
        assertEquals(12, SignalFunction.STATS.number());
    }
}
