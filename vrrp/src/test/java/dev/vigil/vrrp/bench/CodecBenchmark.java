package dev.vigil.vrrp.bench;

import dev.vigil.vrrp.codec.AdvertDecoder;
import dev.vigil.vrrp.codec.AdvertEncoder;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.codec.VrrpAdvert;
import dev.vigil.vrrp.instance.InstanceAction;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.VrrpInstance;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.validate.AdvertValidator;
import dev.vigil.vrrp.validate.Verdict;
import java.net.Inet4Address;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the per-advert work: encoding a multicast advert, decoding a received datagram, validating
 * it, and the whole receive path of a BACKUP instance (decode + validate + state machine).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    private final Inet4Address source = Ipv4.parse("10.99.0.2");
    private VrrpAdvert advert;
    private byte[] datagram;
    private AdvertValidator validator;
    private VrrpInstance backup;
    private long now;

    @Setup
    public void setup() {
        List<Inet4Address> vips = List.of(Ipv4.parse("10.99.0.100"), Ipv4.parse("10.99.0.101"));
        advert = VrrpAdvert.advertisement(51, 150, 1, AuthType.PASS, AuthType.passwordData("secret12"), vips);
        datagram = AdvertEncoder.encodeMulticast(advert, source);
        InstanceSpec spec = InstanceSpec.builder("VI_1", 51, Ipv4.parse("10.99.0.1")).priority(100)
                .passAuth("secret12").vips(vips).build();
        validator = new AdvertValidator(spec);
        backup = new VrrpInstance(spec);
        backup.handle(InstanceEvent.START, 0);
    }

    @Benchmark
    public byte[] encode() {
        return AdvertEncoder.encodeMulticast(advert, source);
    }

    @Benchmark
    public DecodeResult decode() {
        return AdvertDecoder.decode(datagram);
    }

    @Benchmark
    public Verdict decodeAndValidate() {
        return validator.validate(((DecodeResult.Decoded) AdvertDecoder.decode(datagram)).packet(), true);
    }

    @Benchmark
    public List<InstanceAction> backupReceivePath() {
        now += 1_000_000_000L;
        DecodeResult.Decoded d = (DecodeResult.Decoded) AdvertDecoder.decode(datagram);
        return backup.handle(new InstanceEvent.AdvertReceived(d.packet()), now);
    }
}
