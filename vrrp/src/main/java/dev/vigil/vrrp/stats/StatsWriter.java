package dev.vigil.vrrp.stats;

import java.util.Map;

/** Renders counters in keepalived 2.2.7's {@code /tmp/keepalived.stats} layout (vrrp_print.c). */
public final class StatsWriter {
    private StatsWriter() {}

    /** One block for the named instance; concatenate blocks in configuration order for the whole file. */
    public static String block(String instanceName, Map<Counter, Long> c) {
        return "VRRP Instance: " + instanceName + "\n"
                + "  Advertisements:\n"
                + "    Received: " + c.get(Counter.ADVERT_RECEIVED) + "\n"
                + "    Sent: " + c.get(Counter.ADVERT_SENT) + "\n"
                + "  Became master: " + c.get(Counter.BECAME_MASTER) + "\n"
                + "  Released master: " + c.get(Counter.RELEASED_MASTER) + "\n"
                + "  Packet Errors:\n"
                + "    Length: " + c.get(Counter.PACKET_LENGTH_ERROR) + "\n"
                + "    TTL: " + c.get(Counter.TTL_ERROR) + "\n"
                + "    Invalid Type: " + c.get(Counter.INVALID_TYPE) + "\n"
                + "    Advertisement Interval: " + c.get(Counter.ADVERT_INTERVAL_ERROR) + "\n"
                + "    Address List: " + c.get(Counter.ADDRESS_LIST_ERROR) + "\n"
                + "  Authentication Errors:\n"
                + "    Invalid Type: " + c.get(Counter.INVALID_AUTH_TYPE) + "\n"
                + "    Type Mismatch: " + c.get(Counter.AUTH_TYPE_MISMATCH) + "\n"
                + "    Failure: " + c.get(Counter.AUTH_FAILURE) + "\n"
                + "  Priority Zero:\n"
                + "    Received: " + c.get(Counter.PRIORITY_ZERO_RECEIVED) + "\n"
                + "    Sent: " + c.get(Counter.PRIORITY_ZERO_SENT) + "\n";
    }

    /** The whole file for instances given in configuration order. */
    public static String file(Map<String, Map<Counter, Long>> instancesInOrder) {
        StringBuilder sb = new StringBuilder();
        instancesInOrder.forEach((name, counters) -> sb.append(block(name, counters)));
        return sb.toString();
    }
}
