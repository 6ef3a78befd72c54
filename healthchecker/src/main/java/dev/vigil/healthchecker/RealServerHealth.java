package dev.vigil.healthchecker;

import java.util.List;
import java.util.Optional;

/**
 * The health of one real server of one virtual server: alive only while every checker is up (keepalived's
 * {@code num_failed_checkers == 0}); weight = configured weight + the checkers' adjustments, at least 0. Pure.
 */
public final class RealServerHealth {

    private final VirtualServerKey vs;
    private final Endpoint rs;
    private final int configuredWeight;
    private final List<RealServerCheckState> checkers;
    private final List<String> checkerNames;

    /**
     * @param checkers     one state machine per checker
     * @param checkerNames the checkers' keywords (TCP_CHECK, ...), same order
     */
    public RealServerHealth(VirtualServerKey vs, Endpoint rs, int configuredWeight,
                            List<RealServerCheckState> checkers, List<String> checkerNames) {
        this.vs = vs;
        this.rs = rs;
        this.configuredWeight = configuredWeight;
        this.checkers = List.copyOf(checkers);
        this.checkerNames = List.copyOf(checkerNames);
    }

    public boolean alive() {
        return checkers.stream().allMatch(RealServerCheckState::isUp);
    }

    public int weight() {
        return Math.max(0, configuredWeight + checkers.stream().mapToInt(RealServerCheckState::weightDelta).sum());
    }

    public RealServerCheckState checker(int index) {
        return checkers.get(index);
    }

    public String checkerName(int index) {
        return checkerNames.get(index);
    }

    public VirtualServerKey vs() {
        return vs;
    }

    public Endpoint rs() {
        return rs;
    }

    /** The outcome of feeding a result: the checker's step, and the event if the server's health changed. */
    public record Update(RealServerCheckState.Step step, Optional<RealServerHealthChanged> event) {
    }

    /** Feeds checker {@code index}'s result. */
    public Update onResult(int index, CheckResult result) {
        boolean wasAlive = alive();
        int oldWeight = weight();
        RealServerCheckState.Step step = checkers.get(index).onResult(result);
        boolean nowAlive = alive();
        int newWeight = weight();
        Optional<RealServerHealthChanged> event = Optional.empty();
        if (wasAlive != nowAlive || (nowAlive && oldWeight != newWeight)) {
            String detail = step.log().isEmpty() ? result.detail() : step.log().get(step.log().size() - 1);
            event = Optional.of(new RealServerHealthChanged(vs, rs, nowAlive, checkerNames.get(index), detail,
                    newWeight));
        }
        return new Update(step, event);
    }
}
