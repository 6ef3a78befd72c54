/**
 * keepalived's healthchecker on Netty: {@link dev.vigil.healthchecker.HealthCheckerEngine} runs the checkers of
 * every real server ({@link dev.vigil.healthchecker.spec.CheckerSpec}) on event loops and reports
 * {@link dev.vigil.healthchecker.RealServerHealthChanged} events to a {@link dev.vigil.healthchecker.HealthListener}
 * (the IPVS reconciler). The retry/up/down logic is the pure {@link dev.vigil.healthchecker.RealServerCheckState};
 * probes live in {@code dev.vigil.healthchecker.probe}. {@link dev.vigil.healthchecker.Genhash} is genhash.
 */
package dev.vigil.healthchecker;
