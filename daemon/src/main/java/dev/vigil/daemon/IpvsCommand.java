package dev.vigil.daemon;

import dev.vigil.ipvs.format.IpvsTableFormatter;
import dev.vigil.ipvs.netlink.IpvsClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil ipvs}: the kernel's IPVS state, printed as {@code ipvsadm} prints it. */
@Command(name = "ipvs", description = "Show the kernel's IPVS table.", subcommands = IpvsCommand.ListCommand.class)
public final class IpvsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.FATAL;
    }

    /** {@code vigil ipvs list}: {@code ipvsadm -Ln} (or {@code --stats}, {@code --timeout}, {@code --daemon}). */
    @Command(name = "list", description = "Print the live table in ipvsadm -Ln layout.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--stats", description = "Counters since they were last zeroed (ipvsadm -Ln --stats).")
        boolean stats;

        @Option(names = "--timeout", description = "TCP, TCP FIN and UDP timeouts (ipvsadm -L --timeout).")
        boolean timeout;

        @Option(names = "--daemon", description = "Connection-sync daemons (ipvsadm -L --daemon).")
        boolean daemon;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (IpvsClient ipvs = IpvsClient.open()) {
                if (timeout) {
                    out.print(IpvsTableFormatter.timeouts(ipvs.timeouts()));
                } else if (daemon) {
                    out.print(IpvsTableFormatter.daemons(ipvs.daemons()));
                } else if (stats) {
                    out.print(IpvsTableFormatter.listStats(ipvs.info(), ipvs.snapshot()));
                } else {
                    out.print(IpvsTableFormatter.list(ipvs.info(), ipvs.snapshot()));
                }
                out.flush();
                return ExitCodes.OK;
            } catch (IOException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(e.getMessage());
                err.flush();
                return ExitCodes.FATAL;
            }
        }
    }
}
