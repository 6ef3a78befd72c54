package dev.vigil.conf.model;

/** A track_file (alias vrrp_track_file) block: the file holds an integer multiplied by the weight (default 1). */
public record TrackFile(String name, String file, int weight, boolean reverse, Integer initValue,
        boolean initOverwrite) {
}
