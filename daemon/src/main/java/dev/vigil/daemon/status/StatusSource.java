package dev.vigil.daemon.status;

/**
 * Implemented by each subsystem that has live state to show; every {@code @Singleton} bean of this type is asked for
 * its part whenever a snapshot is taken ({@code vigil status}, a metrics scrape, SIGUSR1).
 *
 * <p>The VRRP side is {@link VrrpStatusSource}. The checker/IPVS side implements this interface with a bean whose
 * {@link #contribute()} returns {@link StatusSnapshot.Part#ofVirtualServers} with one
 * {@link StatusSnapshot.VirtualServer} per virtual_server (address as keepalived prints it, quorum and whether it is
 * met) holding one {@link StatusSnapshot.RealServer} per real_server with its current health.
 */
public interface StatusSource {
    /**
     * This subsystem's current state. Called on the status thread (never the subsystem's own thread), so it must only
     * read a published immutable snapshot: it must not block, wait for the subsystem or take its locks.
     */
    StatusSnapshot.Part contribute();
}
