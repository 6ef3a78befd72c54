package dev.vigil.conf.model;

import java.util.List;

/** A vrrp_sync_group: members move together. {@code smtpAlert} null = not set on the group. */
public record VrrpSyncGroup(String name, List<String> instances, Notifies notifies, Boolean smtpAlert,
        List<TrackRef> trackInterfaces, List<TrackRef> trackScripts, List<TrackRef> trackFiles,
        List<TrackRef> trackProcesses, boolean syncGroupTrackingWeight, boolean notifyPriorityChanges) {
    public VrrpSyncGroup {
        instances = List.copyOf(instances);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
    }
}
