package dev.vigil.healthchecker.spec;

/** {@code http_protocol 1.0|1.0C|1.1}: the request's version and whether it asks to close the connection. */
public enum HttpProtocol {
    HTTP_1_0("1.0", false),
    HTTP_1_0C("1.0", true),
    HTTP_1_1("1.1", true);

    private final String version;
    private final boolean connectionClose;

    HttpProtocol(String version, boolean connectionClose) {
        this.version = version;
        this.connectionClose = connectionClose;
    }

    public String version() {
        return version;
    }

    public boolean connectionClose() {
        return connectionClose;
    }
}
