package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** DNS_CHECK: a NOERROR reply to our query within connect_timeout means up. */
public final class DnsProbe implements Probe {

    private final Transport transport;
    private final ProbeTarget target;
    private final String name;
    private final int type;

    public DnsProbe(Transport transport, ProbeTarget target, String type, String name) {
        this.transport = transport;
        this.target = target;
        this.name = name;
        this.type = DnsMessages.typeCode(type);
    }

    @Override
    public CompletableFuture<CheckResult> run(EventLoop loop) {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] query = DnsMessages.query(id, name, type);
        return DatagramExchange.exchange(transport, loop, target, query, reply -> switch (DnsMessages.judge(reply, id)) {
            case NOT_OURS -> null;
            case SUCCESS -> CheckResult.up("response received");
            case ERROR -> CheckResult.down("read error occurred. (rcode = " + DnsMessages.rcode(reply) + ")");
        }, CheckResult.down("timeout"), err -> CheckResult.down("failed to read socket (" + err + ")"));
    }
}
