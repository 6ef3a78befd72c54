package dev.vigil.ipvs.reconcile;

/** What to do with Vigil's IPVS services when it stops. */
public enum StopPolicy {
    /** Default: delete each real server, then each virtual service, that Vigil manages. */
    REMOVE,
    /** {@code -I / --dont-release-ipvs}: leave the table as it is. */
    DONT_RELEASE,
    /** {@code lvs_flush_on_stop VS}: delete each managed virtual service at once (the kernel drops its servers). */
    DELETE_SERVICES,
    /** {@code lvs_flush_on_stop}: one FLUSH of the whole table. */
    FLUSH
}
