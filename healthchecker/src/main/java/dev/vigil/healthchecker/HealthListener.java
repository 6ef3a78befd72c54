package dev.vigil.healthchecker;

/** Receives real-server health transitions; the IPVS reconciler implements it. Called on a Netty event loop. */
@FunctionalInterface
public interface HealthListener {
    void onHealthChanged(RealServerHealthChanged event);
}
