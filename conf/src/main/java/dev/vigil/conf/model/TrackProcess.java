package dev.vigil.conf.model;

import java.time.Duration;
import java.util.List;

/** A vrrp_track_process block. */
public record TrackProcess(String name, List<String> process, String paramMatch, int weight, boolean reverse,
        int quorum, int quorumMax, Duration delay, Duration terminateDelay, Duration forkDelay, boolean fullCommand) {
    public TrackProcess {
        process = List.copyOf(process);
    }
}
