package dev.vigil.healthchecker;

/**
 * Identifies a virtual_server: by address, by fwmark or by group name; printed like keepalived's FMT_VS.
 *
 * @param endpoint address form, or {@code null}
 * @param fwmark   fwmark form (when endpoint and group are null)
 * @param group    {@code virtual_server group NAME} form, or {@code null}
 */
public record VirtualServerKey(Endpoint endpoint, int fwmark, String group) {

    public static VirtualServerKey of(Endpoint endpoint) {
        return new VirtualServerKey(endpoint, 0, null);
    }

    public static VirtualServerKey fwmark(int mark) {
        return new VirtualServerKey(null, mark, null);
    }

    public static VirtualServerKey group(String name) {
        return new VirtualServerKey(null, 0, name);
    }

    @Override
    public String toString() {
        if (endpoint != null) {
            return endpoint.toString();
        }
        return group != null ? "[" + group + "]" : "FWM " + fwmark;
    }
}
