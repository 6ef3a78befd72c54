package dev.vigil.daemon.bench;

import dev.vigil.daemon.it.VrrpImpl;
import java.util.List;

/** Which daemon is the MASTER (priority 150) and which the BACKUP (priority 100) of a benchmarked pair. */
record PairKind(VrrpImpl master, VrrpImpl backup) {
    static final PairKind KEEPALIVED_PAIR = new PairKind(VrrpImpl.KEEPALIVED, VrrpImpl.KEEPALIVED);

    /** Every pair kind the benchmark knows: keepalived ↔ keepalived (the reference), Vigil ↔ Vigil, the mixed pairs. */
    static List<PairKind> all() {
        return List.of(KEEPALIVED_PAIR, new PairKind(VrrpImpl.VIGIL, VrrpImpl.VIGIL),
                new PairKind(VrrpImpl.VIGIL, VrrpImpl.KEEPALIVED), new PairKind(VrrpImpl.KEEPALIVED, VrrpImpl.VIGIL));
    }

    /** Short id used on the command line: "keepalived-keepalived", "vigil-keepalived", ... (master first). */
    String id() {
        return master.name().toLowerCase(java.util.Locale.ROOT) + "-" + backup.name().toLowerCase(java.util.Locale.ROOT);
    }

    String label() {
        return master == backup ? master.label() + " ↔ " + backup.label()
                : master.label() + " MASTER / " + backup.label() + " BACKUP";
    }

    boolean available() {
        return master.available() && backup.available();
    }
}
