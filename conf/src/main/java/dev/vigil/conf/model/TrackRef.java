package dev.vigil.conf.model;

/**
 * A reference from a VRRP instance or sync group to a tracked object (interface, vrrp_script, track_file,
 * vrrp_track_process, bfd). {@code weight} null = unweighted (interfaces: down means FAULT) or, for scripts and
 * files, "use the object's own weight".
 */
public record TrackRef(String name, Integer weight, boolean reverse) {
}
