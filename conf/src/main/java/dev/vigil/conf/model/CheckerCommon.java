package dev.vigil.conf.model;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Settings every connecting checker shares, with keepalived's defaults resolved: connect_ip = real server address,
 * connect_port = real server port, connect_timeout 5 s, retry 1 (DNS 3, MISC 0), delay_before_retry 1 s
 * (HTTP/SSL 3 s), delay_loop = the virtual server's, warmup null = random 0..delay_loop.
 */
public record CheckerCommon(InetAddress connectIp, int connectPort, InetAddress bindTo, int bindPort, String bindIf,
        long fwmark, Duration connectTimeout, int retry, Duration delayBeforeRetry, Duration warmup,
        Duration delayLoop, boolean alpha, boolean logAllFailures) {
}
