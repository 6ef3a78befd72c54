package dev.vigil.ipvs.vm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Host side of the QEMU harness: runs a command (or a Java main class from this module's test class path) inside a
 * guest booted by {@code src/test/vm/run-in-vm.sh}, and parses what the guest printed.
 *
 * <p>Guest programs report with console lines: {@code VMCHECK <name> PASS|FAIL <detail>} and
 * {@code VMFIGURE <name> <value>}.
 */
public final class VmRunner {
    private VmRunner() {
    }

    /** What a guest run produced. */
    public record Result(int exitCode, String console, long millis) {
        /** Every VMCHECK line: name to "PASS detail" / "FAIL detail". */
        public Map<String, String> checks() {
            return prefixed("VMCHECK ");
        }

        /** Every VMFIGURE line: name to value. */
        public Map<String, String> figures() {
            return prefixed("VMFIGURE ");
        }

        /** Guest uptime when /init reached the test command ("4.69s"), or "?" if the guest never got there. */
        public String bootTime() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("VIGIL-VM-BOOTED uptime=(\\S+)").matcher(console);
            return m.find() ? m.group(1) : "?";
        }

        private Map<String, String> prefixed(String prefix) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : console.split("\n")) {
                int at = line.indexOf(prefix);
                if (at < 0) {
                    continue;
                }
                String rest = line.substring(at + prefix.length()).trim();
                int space = rest.indexOf(' ');
                out.put(space < 0 ? rest : rest.substring(0, space), space < 0 ? "" : rest.substring(space + 1));
            }
            return out;
        }
    }

    public static Path moduleDir() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        if (Files.isDirectory(dir.resolve("src/test/vm"))) {
            return dir;
        }
        // another module's tests (daemon) reuse the harness: ipvs-sync is its sibling
        Path sibling = dir.resolveSibling("ipvs-sync");
        return Files.isDirectory(sibling.resolve("src/test/vm")) ? sibling : dir.resolve("ipvs-sync");
    }

    /** Runs a Java main class of the test class path inside the guest. */
    public static Result runJava(Class<?> mainClass, Duration timeout, String... args) throws IOException,
            InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // The guest's /tmp is its own tmpfs: of the host's /tmp only the checkout is bound back in (run-in-vm.sh).
        String checkout = moduleDir().toAbsolutePath().getParent().toString() + File.separator;
        String cp = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(p -> !p.isBlank() && (!p.startsWith("/tmp/") || p.startsWith(checkout)))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", cp, mainClass.getName()));
        command.addAll(List.of(args));
        return run(command, timeout);
    }

    /** Runs a command inside the guest (chrooted in the host's root, read-only, tmpfs /tmp). */
    public static Result run(List<String> guestCommand, Duration timeout) throws IOException, InterruptedException {
        Path module = moduleDir();
        Path script = module.resolve("src/test/vm/run-in-vm.sh");
        Path resultsRoot = module.resolve("target/vm-results");
        Files.createDirectories(resultsRoot);
        Path results = Files.createTempDirectory(resultsRoot, "run");
        Path consoleFile = results.resolveSibling(results.getFileName() + ".console");
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--timeout",
                Long.toString(timeout.toSeconds()), "--results", results.toString(), "--"));
        command.addAll(guestCommand);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(consoleFile.toFile()).start();
        try {
            if (!process.waitFor(timeout.toSeconds() + 60, TimeUnit.SECONDS)) {
                throw new IOException("run-in-vm.sh did not finish within " + timeout.plusSeconds(60));
            }
            String console = Files.readString(consoleFile, StandardCharsets.UTF_8).replace("\r", "");
            return new Result(process.exitValue(), console, (System.nanoTime() - start) / 1_000_000);
        } finally {
            if (process.isAlive()) {
                process.destroy();   // SIGTERM: the script's trap kills QEMU
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
