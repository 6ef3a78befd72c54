package dev.vigil.healthchecker.spec;

import java.util.List;

/** HTTP_GET. */
public record HttpGet(CheckCommon common, List<UrlSpec> urls, HttpProtocol protocol, String virtualhost)
        implements CheckerSpec, HttpFamilyCheck {
    public HttpGet {
        urls = List.copyOf(urls);
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.HTTP_GET;
    }

    @Override
    public boolean tls() {
        return false;
    }

    @Override
    public boolean enableSni() {
        return false;
    }
}
