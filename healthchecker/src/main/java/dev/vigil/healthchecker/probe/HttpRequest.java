package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.spec.HttpProtocol;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** keepalived's HTTP_GET request bytes (check/check_http.c {@code request_template}). */
public final class HttpRequest {

    private HttpRequest() {
    }

    /**
     * {@code GET <path> HTTP/1.x\r\nUser-Agent: KeepAliveClient\r\n[Connection: close\r\n]Host: <host>\r\n\r\n},
     * where host is the virtualhost as given, or {@code ip:port} ({@code [ip6]:port}) without one.
     */
    public static byte[] build(String path, HttpProtocol protocol, String virtualhost, InetSocketAddress remote) {
        String host;
        if (virtualhost != null) {
            host = virtualhost;
        } else {
            String ip = NetUtil.toAddressString(remote.getAddress());
            host = (remote.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + remote.getPort();
        }
        String request = "GET " + path + " HTTP/" + protocol.version() + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (protocol.connectionClose() ? "Connection: close\r\n" : "")
                + "Host: " + host + "\r\n\r\n";
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }
}
