package dev.vigil.daemon.lab;

/**
 * One machine of the lab: a network namespace whose {@code eth0} ({@code ip}/24, MAC {@code mac}) is plugged into
 * the lab's bridge at switch port {@code port}.
 */
record LabHost(String name, String namespace, String ip, String mac, String port) {
    @Override
    public String toString() {
        return name + " (" + ip + ")";
    }
}
