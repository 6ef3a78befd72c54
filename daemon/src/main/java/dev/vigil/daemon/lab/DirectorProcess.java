package dev.vigil.daemon.lab;

import dev.vigil.daemon.lab.LabTopology.Director;
import dev.vigil.linux.process.ProcStatus;
import dev.vigil.linux.process.ProcessStopper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real Vigil daemon running as a director of the lab: {@code ip netns exec <ns> env TMPDIR=<dir> <vigil> -n -l -G -D
 * -f <dir>/keepalived.conf}, with its pid file, status socket, notify FIFO, dumps and console log all in its own
 * directory. Its transitions come from its notify FIFO ({@link StateFifo}), its memory from {@code /proc/<pid>/status}.
 */
final class DirectorProcess implements AutoCloseable {
    private final Director spec;
    private final LabHost host;
    private final Path dir;
    private final Process process;
    private final StateFifo fifo;

    private DirectorProcess(Director spec, LabHost host, Path dir, Process process, StateFifo fifo) {
        this.spec = spec;
        this.host = host;
        this.dir = dir;
        this.process = process;
        this.fifo = fifo;
    }

    /** The notify FIFO a director in {@code dir} writes its transitions to. */
    static Path notifyFifo(Path dir) {
        return dir.resolve("notify.fifo");
    }

    /**
     * Writes the director's configuration into {@code dir} (it must name {@link #notifyFifo}) and starts the daemon
     * inside {@code host}; {@code transitions} hears of each state change the daemon reports.
     */
    static DirectorProcess start(Director spec, LabHost host, Path dir, String keepalivedConf,
                                 List<String> vigilCommand, Consumer<StateFifo.Transition> transitions)
            throws IOException {
        Files.createDirectories(dir);
        StateFifo fifo = StateFifo.create(notifyFifo(dir), spec.name(), transitions);
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), keepalivedConf);
        Path settings = Files.writeString(dir.resolve("vigil.conf"),
                "vigil.status.socket = \"" + dir.resolve("vigil.sock") + "\"\n");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace(), "env", "TMPDIR=" + dir));
        cmd.addAll(vigilCommand);
        cmd.addAll(List.of("-n", "-l", "-G", "-D", "-f", conf.toString(), "--settings", settings.toString(),
                "-p", dir.resolve("vigil.pid").toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("vigil.log").toFile()).start();
            return new DirectorProcess(spec, host, dir, p, fifo);
        } catch (IOException e) {
            fifo.close();
            throw e;
        }
    }

    LabHost host() {
        return host;
    }

    String name() {
        return spec.name();
    }

    /** The pid of the daemon's JVM ({@code ip netns exec}, {@code env} and the launcher all exec in place). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The daemon's resident set (VmRSS) in kB, or -1 when it is not running. */
    long residentKb() {
        return ProcStatus.residentKib(pid()).orElse(-1);
    }

    /** The last {@code n} lines of the daemon's console log (for error messages). */
    List<String> logTail(int n) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("vigil.log"));
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    /** SIGKILL: a hard failure, no priority-0 advert, no goodbye. */
    void kill() {
        ProcessStopper.kill(process);
    }

    @Override
    public void close() {
        kill();
        fifo.close();
    }
}
