package dev.vigil.daemon;

import picocli.CommandLine;

/** {@code bin/vigil}: parses the command line and exits with the command's code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(ConfigReader.KEEPALIVED_CONF).execute(args));
    }

    /** The whole command tree, reading keepalived.conf through {@code reader}. */
    public static CommandLine commandLine(ConfigReader reader) {
        CommandLine root = new CommandLine(new VigilCommand(reader, (r, options) -> DaemonRun.posix(r, options).run()));
        root.addSubcommand(new CommandLine(new ConfigCommand()).addSubcommand(new ConfigDumpCommand(reader)));
        root.addSubcommand(new StatusCommand());
        root.addSubcommand(new IpvsCommand());
        root.addSubcommand(new GenhashCommand());
        root.addSubcommand(new dev.vigil.daemon.lab.LabCommand());
        root.setCaseInsensitiveEnumValuesAllowed(true);
        return root;
    }
}
