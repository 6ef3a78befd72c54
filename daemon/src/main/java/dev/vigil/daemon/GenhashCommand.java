package dev.vigil.daemon;

import dev.vigil.healthchecker.Genhash;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code vigil genhash}: keepalived's {@code genhash} (the MD5 of a URL's body, for HTTP_GET/SSL_GET {@code digest}),
 * with genhash's own options and usage text ({@link Genhash#parse}).
 */
@Command(name = "genhash", description = "keepalived's genhash: print the MD5 digest of a URL's body.")
public final class GenhashCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    public GenhashCommand() {
        this(System.out, System.err);
    }

    GenhashCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
            err.print(Genhash.usage("vigil genhash"));
            return args.isEmpty() ? ExitCodes.FATAL : ExitCodes.OK;
        }
        Genhash.Request request;
        try {
            request = Genhash.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(Genhash.usage("vigil genhash"));
            return ExitCodes.FATAL;
        }
        return Genhash.run(request, out, err);
    }
}
