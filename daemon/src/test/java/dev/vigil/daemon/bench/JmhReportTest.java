package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhReportTest {
    private static final List<String> CSV = List.of(
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"",
            "\"dev.vigil.vrrp.bench.CodecBenchmark.decode\",\"avgt\",1,5,41.234567,1.5,\"ns/op\"",
            "\"dev.vigil.vrrp.bench.CodecBenchmark.decode:gc.alloc.rate\",\"avgt\",1,5,900.1,10.0,\"MB/sec\"",
            "\"dev.vigil.vrrp.bench.CodecBenchmark.decode:gc.alloc.rate.norm\",\"avgt\",1,5,152.0,0.001,\"B/op\"",
            "\"dev.vigil.ipvs.bench.IpvsReconcilerBenchmark.buildFromEmpty\",\"avgt\",1,5,3.5,NaN,\"ms/op\"");

    @Test
    void primaryScoresGetTheirAllocationPerOperation() {
        List<JmhReport.Row> rows = JmhReport.parse(CSV);
        assertEquals(2, rows.size());
        assertEquals(new JmhReport.Row("dev.vigil.vrrp.bench.CodecBenchmark.decode", "avgt", 5, 41.234567, 1.5, "ns/op",
                152.0), rows.get(0));
        assertTrue(Double.isNaN(rows.get(1).bytesPerOp()));
        assertTrue(Double.isNaN(rows.get(1).error()));
    }

    @Test
    void theTableShowsEachBenchmarkOnce() {
        String md = JmhReport.markdown(JmhReport.parse(CSV), "benchmarks/run.sh jmh");
        assertTrue(md.contains("| vrrp.bench.CodecBenchmark.decode | 5 | 41.23 | 1.50 | ns/op | 152 |"), md);
        assertTrue(md.contains("| ipvs.bench.IpvsReconcilerBenchmark.buildFromEmpty | 5 | 3.50 | – | ms/op | – |"), md);
    }
}
