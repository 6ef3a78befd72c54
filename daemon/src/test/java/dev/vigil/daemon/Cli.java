package dev.vigil.daemon;

import dev.vigil.conf.Diagnostic;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.Severity;
import dev.vigil.conf.SourcePos;
import dev.vigil.conf.model.KeepalivedConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/** Test harness: runs the command tree with a stubbed keepalived.conf reader and a recording daemon. */
final class Cli {
    record Outcome(int code, String out, String err) {
    }

    /** A reader that returns {@code result} and records what it was asked for. */
    static final class StubReader implements ConfigReader {
        final LoadResult result;
        final List<Path> files = new ArrayList<>();
        final List<LoadOptions> options = new ArrayList<>();

        StubReader(LoadResult result) {
            this.result = result;
        }

        @Override
        public LoadResult load(Path file, LoadOptions opts) {
            files.add(file);
            options.add(opts);
            return result;
        }
    }

    static LoadResult resultWith(Severity... severities) {
        List<Diagnostic> diags = new ArrayList<>();
        int line = 1;
        for (Severity s : severities) {
            diags.add(new Diagnostic(s, new SourcePos("k.conf", line++, 3), "tok", s.name() + " message"));
        }
        return new LoadResult(KeepalivedConfig.empty(), diags);
    }

    final StubReader reader;
    final AtomicReference<DaemonOptions> daemonStarted = new AtomicReference<>();

    Cli(LoadResult result) {
        reader = new StubReader(result);
    }

    Cli() {
        this(resultWith());
    }

    CommandLine commandLine() {
        CommandLine root = Main.commandLine(reader);
        // Replace the real daemon by a recorder; the rest of the tree is Main's.
        CommandLine tree = new CommandLine(new VigilCommand(reader, (r, o) -> {
            daemonStarted.set(o);
            return 0;
        }));
        root.getSubcommands().forEach((name, sub) -> tree.addSubcommand(name, sub));
        tree.setCaseInsensitiveEnumValuesAllowed(true);
        return tree;
    }

    Outcome run(String... args) {
        return execute(commandLine(), args);
    }

    /** Runs {@code cl} capturing stdout and stderr. */
    static Outcome execute(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Parses only, and returns the options a daemon run would get. */
    DaemonOptions parse(String... args) {
        CommandLine cl = commandLine();
        cl.parseArgs(args);
        return ((VigilCommand) cl.getCommand()).options();
    }

    VigilCommand parsed(String... args) {
        CommandLine cl = commandLine();
        cl.parseArgs(args);
        return cl.getCommand();
    }

    static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
