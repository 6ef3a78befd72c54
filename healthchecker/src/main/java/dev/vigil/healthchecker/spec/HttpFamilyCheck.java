package dev.vigil.healthchecker.spec;

import java.util.List;

/** What HTTP_GET and SSL_GET share. */
public interface HttpFamilyCheck {
    CheckCommon common();

    List<UrlSpec> urls();

    HttpProtocol protocol();

    /** Checker-level virtualhost (falls back to the real/virtual server's), or {@code null}. */
    String virtualhost();

    boolean tls();

    boolean enableSni();
}
