package dev.vigil.healthchecker.spec;

import java.util.List;

/** SSL_GET: HTTP_GET over TLS; the server certificate is not verified, as in keepalived. */
public record SslGet(CheckCommon common, List<UrlSpec> urls, HttpProtocol protocol, String virtualhost,
                     boolean enableSni) implements CheckerSpec, HttpFamilyCheck {
    public SslGet {
        urls = List.copyOf(urls);
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.SSL_GET;
    }

    @Override
    public boolean tls() {
        return true;
    }
}
