package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import dev.vigil.healthchecker.spec.HttpFamilyCheck;
import dev.vigil.healthchecker.spec.UrlSpec;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP_GET / SSL_GET: one connection per url, in order; the attempt succeeds when every url answers with an
 * accepted status code and, where a digest is configured, the body's MD5 matches. Failure details use keepalived's
 * wording.
 */
public final class HttpProbe implements Probe {

    /** How much of the body a url regex sees (keepalived streams the whole body through PCRE2). */
    static final int REGEX_WINDOW = 1 << 20;

    private final HttpFetcher fetcher;
    private final HttpFamilyCheck spec;
    private final ProbeTarget target;
    private final String chk;

    /** @param chk the checker as keepalived prints it, e.g. {@code [10.0.0.2]:tcp:80} */
    public HttpProbe(HttpFetcher fetcher, HttpFamilyCheck spec, ProbeTarget target, String chk) {
        this.fetcher = fetcher;
        this.spec = spec;
        this.target = target;
        this.chk = chk;
    }

    @Override
    public CompletableFuture<CheckResult> run(EventLoop loop) {
        return checkFrom(loop, 0);
    }

    private CompletableFuture<CheckResult> checkFrom(EventLoop loop, int index) {
        List<UrlSpec> urls = spec.urls();
        if (index >= urls.size()) {
            return CompletableFuture.completedFuture(CheckResult.up("all urls passed"));
        }
        UrlSpec url = urls.get(index);
        String vhost = url.virtualhost() != null ? url.virtualhost() : spec.virtualhost();
        byte[] request = HttpRequest.build(url.path(), spec.protocol(), vhost, target.remote());
        String sni = spec.tls() && spec.enableSni() ? vhost : null;
        int keep = url.regex() != null ? REGEX_WINDOW : 0;
        return fetcher.fetch(loop, target, spec.tls(), sni, request, keep).thenCompose(response -> {
            CheckResult verdict = judge(url, response);
            return verdict.success() ? checkFrom(loop, index + 1) : CompletableFuture.completedFuture(verdict);
        });
    }

    CheckResult judge(UrlSpec url, HttpResponseSummary r) {
        if (r.error() != null && !r.receivedData()) {
            return CheckResult.down(r.error() + " to " + chk + " url(" + url.path() + ").");
        }
        if (!r.receivedData()) {
            return CheckResult.down("Read, no data received from server " + chk + ".");
        }
        if (r.error() != null) {
            return CheckResult.down(r.error() + " to " + chk + " url(" + url.path() + ").");
        }
        if (!url.accepts(r.status())) {
            return CheckResult.down("HTTP status code error to " + chk + " url(" + url.path() + "), status_code ["
                    + r.status() + "].");
        }
        if (url.digest() != null && !url.digest().equals(r.md5Hex())) {
            return CheckResult.down("MD5 digest error to " + chk + " url[" + url.path() + "], MD5SUM [" + r.md5Hex()
                    + "].");
        }
        String what = url.digest() != null ? "MD5 digest" : "HTTP status code";
        if (url.regex() != null) {
            boolean matched = url.regex().matcher(r.body()).find();
            if (matched == url.regexNoMatch()) {
                return CheckResult.down("Regex match failed server " + chk + " url(" + url.path() + ").");
            }
            what = "Regex match";
        }
        return CheckResult.up(what + " success to " + chk + " url(" + url.path() + ")");
    }
}
