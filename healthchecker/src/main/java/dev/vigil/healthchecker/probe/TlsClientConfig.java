package dev.vigil.healthchecker.probe;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * The top-level {@code SSL { certificate; key; password; ca }} block: a client certificate for SSL_GET. As in
 * keepalived (no {@code SSL_CTX_set_verify}), the server's certificate is not verified, so {@code ca} changes
 * nothing. The key must be PEM PKCS#8 (encrypted with {@code password} or not).
 *
 * @param certificate PEM certificate chain, or null
 * @param key         PEM private key, or null
 * @param password    key password, or null
 */
public record TlsClientConfig(Path certificate, Path key, String password) {

    /** Builds the client context; keepalived's "Cant load certificate/key file" become the exception message. */
    public SslContext toContext() throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE);
        if (certificate != null && key != null) {
            try {
                File cert = certificate.toFile();
                b.keyManager(cert, key.toFile(), password);
            } catch (IllegalArgumentException e) {
                throw new SSLException("SSL error : Cant load key file... (" + e.getMessage() + ")", e);
            }
        }
        return b.build();
    }

    /** keepalived's default when there is no SSL block: no client certificate. */
    static SslContext insecureDefault() {
        try {
            return new TlsClientConfig(null, null, null).toContext();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
