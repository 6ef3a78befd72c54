package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import dev.vigil.healthchecker.spec.UdpCheck;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * UDP_CHECK (check/check_udp.c): send the payload; with require_reply a reply of acceptable length whose first
 * bytes match must arrive in time, otherwise only an ICMP error (port unreachable) means down.
 */
public final class UdpProbe implements Probe {

    private static final byte[] EMPTY = new byte[0];

    private final Transport transport;
    private final ProbeTarget target;
    private final UdpCheck spec;

    public UdpProbe(Transport transport, ProbeTarget target, UdpCheck spec) {
        this.transport = transport;
        this.target = target;
        this.spec = spec;
    }

    @Override
    public CompletableFuture<CheckResult> run(EventLoop loop) {
        byte[] payload = spec.payload() != null ? spec.payload() : EMPTY;
        CheckResult silence = spec.requireReply() ? CheckResult.down("no reply") : CheckResult.up("no ICMP error");
        return DatagramExchange.exchange(transport, loop, target, payload, this::judge, silence,
                err -> CheckResult.down(err));
    }

    CheckResult judge(byte[] reply) {
        if (!spec.requireReply()) {
            return CheckResult.up("reply received");
        }
        int max = spec.maxReplyLength() > 0 ? spec.maxReplyLength() : Integer.MAX_VALUE;
        if (reply.length < spec.minReplyLength() || reply.length > max) {
            return CheckResult.down("reply data mismatch (length " + reply.length + ")");
        }
        byte[] expect = spec.replyPrefix();
        if (expect != null) {
            int n = Math.min(expect.length, reply.length);
            for (int i = 0; i < n; i++) {
                if (expect[i] != reply[i]) {
                    return CheckResult.down("reply data mismatch");
                }
            }
        }
        return CheckResult.up("reply received");
    }
}
