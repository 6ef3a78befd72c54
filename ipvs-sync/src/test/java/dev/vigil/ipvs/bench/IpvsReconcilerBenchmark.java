package dev.vigil.ipvs.bench;

import dev.vigil.ipvs.config.DesiredTable;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.ipvs.reconcile.IpvsReconciler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long the pure diff takes on a 10,000-real-server table (10 services x 1000): building it from nothing, and
 * finding the one changed weight. Prints figures, asserts nothing. Run:
 * {@code mvn -B -q -pl ipvs-sync -am test -Dtest.excludedGroups= -Dtest.groups=slow -Dtest=IpvsReconcilerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IpvsReconcilerBenchmark {
    private DesiredTable desired;
    private IpvsTable oneWeightChanged;

    @Setup
    public void setUp() throws UnknownHostException {
        desired = DesiredTable.of(table(1));
        oneWeightChanged = table(2);
    }

    /** 10 services x 1000 destinations; the first destination's weight is {@code firstWeight}. */
    static IpvsTable table(int firstWeight) throws UnknownHostException {
        List<VirtualService> services = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            List<IpvsDest> dests = new ArrayList<>();
            for (int d = 0; d < 1000; d++) {
                InetAddress a = InetAddress.getByAddress(new byte[]{10, (byte) (100 + s), (byte) (d >> 8), (byte) d});
                dests.add(IpvsDest.of(a, 80, ForwardMethod.DR, s == 0 && d == 0 ? firstWeight : 1));
            }
            services.add(new VirtualService(IpvsService.of(ServiceKey.of(IpvsProtocol.TCP,
                    InetAddress.getByAddress(new byte[]{10, 0, 0, (byte) (s + 1)}), 80), "wrr"), dests));
        }
        return new IpvsTable(services);
    }

    @Benchmark
    public List<IpvsOperation> buildFromEmpty() {
        return IpvsReconciler.diff(desired, IpvsTable.EMPTY);
    }

    @Benchmark
    public List<IpvsOperation> findOneChangedWeight() {
        return IpvsReconciler.diff(desired, oneWeightChanged);
    }

    @Test
    @Tag("slow")
    void run() throws Exception {
        new Runner(new OptionsBuilder().include(IpvsReconcilerBenchmark.class.getName()).forks(0)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5)
                .measurementTime(TimeValue.seconds(1)).build()).run();
    }
}
