package dev.vigil.ipvs.config;

/** Receives what a {@link VirtualServerState} decides: keepalived's log lines and quorum transitions. */
public interface VirtualServerListener {
    /** One log line, keepalived's exact text. */
    void log(String line);

    /** Quorum went up or down ({@code atStart} for the initial evaluation); drives quorum_up/quorum_down notifies. */
    default void quorumChanged(VirtualServerSpec vs, boolean up, boolean atStart) {
    }

    /** A listener that logs through SLF4J at INFO, like keepalived's LOG_INFO. */
    static VirtualServerListener slf4j() {
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(VirtualServerState.class);
        return logger::info;
    }
}
