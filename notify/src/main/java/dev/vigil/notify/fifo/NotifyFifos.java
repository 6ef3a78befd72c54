package dev.vigil.notify.fifo;

import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.ScriptOutcomes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's three notify FIFOs: {@code notify_fifo} gets every line, {@code vrrp_notify_fifo} the VRRP lines and
 * {@code lvs_notify_fifo} the LVS lines. A FIFO that cannot be opened is logged and left out, as keepalived does.
 */
public final class NotifyFifos implements FifoSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyFifos.class);

    /**
     * One configured FIFO.
     *
     * @param path   the FIFO
     * @param script its {@code *_fifo_script}, started with the FIFO's path as last argument, or null
     * @param user   owner given to a FIFO Vigil creates, or null
     * @param group  group given to a FIFO Vigil creates, or null
     */
    public record FifoSpec(Path path, ScriptCommand script, String user, String group) {
        public FifoSpec(Path path, ScriptCommand script) {
            this(path, script, null, null);
        }
    }

    private final NotifyFifo global;
    private final NotifyFifo vrrp;
    private final NotifyFifo lvs;
    private final boolean lvsTrailingNul;

    private NotifyFifos(NotifyFifo global, NotifyFifo vrrp, NotifyFifo lvs, boolean lvsTrailingNul) {
        this.global = global;
        this.vrrp = vrrp;
        this.lvs = lvs;
        this.lvsTrailingNul = lvsTrailingNul;
    }

    /** No FIFOs configured. */
    public static NotifyFifos none() {
        return new NotifyFifos(null, null, null, false);
    }

    /**
     * Opens the configured FIFOs (each may be null) and starts their scripts.
     *
     * @param lvsTrailingNul write a NUL after each LVS line; keepalived 2.2.7 does not (its write size excludes the
     *                       NUL), 2.2.8+ does
     */
    public static NotifyFifos open(FifoSpec global, FifoSpec vrrp, FifoSpec lvs, boolean lvsTrailingNul,
                                   ScriptRunner runner) {
        return new NotifyFifos(open(global, "", runner), open(vrrp, "vrrp ", runner), open(lvs, "lvs ", runner),
                lvsTrailingNul);
    }

    private static NotifyFifo open(FifoSpec spec, String type, ScriptRunner runner) {
        if (spec == null) {
            return null;
        }
        try {
            NotifyFifo fifo = NotifyFifo.open(spec.path(), type, NotifyFifo.DEFAULT_BUFFER, spec.user(),
                    spec.group());
            if (spec.script() != null) {
                ScriptCommand command = spec.script().withExtraArgs(List.of(spec.path().toString()));
                runner.run(command, null).whenComplete((result, error) ->
                        ScriptOutcomes.report(spec.path().toString(), type + "fifo_script", command, result, error));
            }
            return fifo;
        } catch (IOException e) {
            LOG.info(e.getMessage());
            return null;
        }
    }

    @Override
    public void writeVrrp(String line) {
        write(global, line, false);
        write(vrrp, line, false);
    }

    @Override
    public void writeLvs(String line) {
        write(global, line, lvsTrailingNul);
        write(lvs, line, lvsTrailingNul);
    }

    /** The FIFOs that are open. */
    public List<Path> paths() {
        List<Path> out = new ArrayList<>();
        for (NotifyFifo f : new NotifyFifo[] {global, vrrp, lvs}) {
            Optional.ofNullable(f).map(NotifyFifo::path).ifPresent(out::add);
        }
        return out;
    }

    private static void write(NotifyFifo fifo, String line, boolean nul) {
        if (fifo != null) {
            fifo.write(line, nul);
        }
    }

    @Override
    public void close() {
        for (NotifyFifo f : new NotifyFifo[] {global, vrrp, lvs}) {
            if (f != null) {
                f.close();
            }
        }
    }
}
