package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.probe.HttpFetcher;
import dev.vigil.healthchecker.probe.HttpProbe;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import dev.vigil.healthchecker.spec.HttpProtocol;
import dev.vigil.healthchecker.spec.SslGet;
import dev.vigil.healthchecker.spec.UrlSpec;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSL_GET against a loopback TLS server with a self-signed certificate made by keytool. */
class SslProbeTest extends ProbeTestSupport {

    @TempDir
    static Path dir;
    static SSLContext serverContext;

    static KeyStore clientStore;

    @BeforeAll
    static void makeCertificate() throws Exception {
        KeyStore store = keytool("rs");
        clientStore = keytool("client");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
    }

    /** A self-signed key pair made by keytool, loaded back. */
    static KeyStore keytool(String name) throws Exception {
        Path ks = dir.resolve(name + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name + ".test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(ks.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    @Test
    void sslBlockClientCertificateIsPresented() throws Exception {
        // PEM files like the SSL { certificate; key } block names
        java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes());
        java.security.cert.Certificate cert = clientStore.getCertificate("client");
        java.security.Key key = clientStore.getKey("client", "changeit".toCharArray());
        Path certPem = dir.resolve("client.pem");
        Path keyPem = dir.resolve("client.key");
        java.nio.file.Files.writeString(certPem, "-----BEGIN CERTIFICATE-----\n"
                + b64.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        java.nio.file.Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
                + b64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("client", cert);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keytool("rs2"), "changeit".toCharArray());
        SSLContext mtls = SSLContext.getInstance("TLS");
        mtls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        javax.net.ssl.SSLServerSocketFactory base = mtls.getServerSocketFactory();
        javax.net.ServerSocketFactory needClientAuth = new javax.net.ServerSocketFactory() {
            @Override
            public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress addr)
                    throws java.io.IOException {
                javax.net.ssl.SSLServerSocket s = (javax.net.ssl.SSLServerSocket) base.createServerSocket(port,
                        backlog, addr);
                s.setNeedClientAuth(true);
                return s;
            }

            @Override
            public java.net.ServerSocket createServerSocket(int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.ServerSocket createServerSocket(int port, int backlog) {
                throw new UnsupportedOperationException();
            }
        };
        TestTcpServer[] self = new TestTcpServer[1];
        try (TestTcpServer server = new TestTcpServer(needClientAuth, s -> {
            self[0].readRequest(s);
            TestTcpServer.write(s, TestTcpServer.response(200, "hello"));
        })) {
            self[0] = server;
            SslGet spec = new SslGet(CheckCommon.defaults(CheckerKind.SSL_GET), List.of(UrlSpec.of("/")),
                    HttpProtocol.HTTP_1_0, null, false);
            io.netty.handler.ssl.SslContext withCert =
                    new dev.vigil.healthchecker.probe.TlsClientConfig(certPem, keyPem, null).toContext();
            assertTrue(run(new HttpProbe(new HttpFetcher(TRANSPORT, 1 << 20, withCert), spec, target(server.port()),
                    chk(server.port()))).success());
            assertFalse(run(new HttpProbe(new HttpFetcher(TRANSPORT), spec, target(server.port()),
                    chk(server.port()))).success(), "without the SSL block the server refuses us");
        }
    }

    private static HttpProbe ssl(int port, String vhost, boolean sni, UrlSpec url) {
        SslGet spec = new SslGet(CheckCommon.defaults(CheckerKind.SSL_GET), List.of(url), HttpProtocol.HTTP_1_0, vhost,
                sni);
        return new HttpProbe(new HttpFetcher(TRANSPORT), spec, target(port), chk(port));
    }

    @Test
    void checksOverTlsWithDigestAndSni() throws Exception {
        List<String> sniNames = new CopyOnWriteArrayList<>();
        TestTcpServer[] self = new TestTcpServer[1];
        try (TestTcpServer server = new TestTcpServer(serverContext.getServerSocketFactory(), s -> {
            SSLSocket tls = (SSLSocket) s;
            tls.startHandshake();
            List<?> names = ((ExtendedSSLSession) tls.getSession()).getRequestedServerNames();
            sniNames.add(names.isEmpty() ? "<none>" : ((SNIHostName) names.get(0)).getAsciiName());
            self[0].readRequest(s);
            TestTcpServer.write(s, TestTcpServer.response(200, "hello"));
        })) {
            self[0] = server;
            int port = server.port();
            assertTrue(run(ssl(port, null, false, new UrlSpec("/", "5d41402abc4b2a76b9719d911017c592", List.of(),
                    null))).success());
            assertTrue(run(ssl(port, "www.example.org", true, UrlSpec.of("/"))).success());
            assertTrue(run(ssl(port, "www.example.org", false, UrlSpec.of("/"))).success());
            assertEquals(List.of("<none>", "www.example.org", "<none>"), sniNames);
            assertTrue(new String(server.requests.get(1)).contains("Host: www.example.org\r\n"));
        }
    }

    @Test
    void plainServerFailsTheTlsCheck() throws Exception {
        try (TestTcpServer server = TestTcpServer.http(TestTcpServer.response(200, "hello"))) {
            CheckResult r = run(ssl(server.port(), null, false, UrlSpec.of("/")));
            assertFalse(r.success());
        }
    }
}
