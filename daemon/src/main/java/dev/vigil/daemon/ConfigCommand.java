package dev.vigil.daemon;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil config ...}: configuration tools. */
@Command(name = "config", description = "Configuration tools (see: vigil config dump --help).")
public final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: usage on stderr, exit 1. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.FATAL;
    }
}
