package dev.vigil.conf.bench;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How long reading a large keepalived.conf takes: {@code instances} vrrp_instances (with auth, VIPs, tracking)
 * plus one virtual_server with two checked real servers per ten instances. Prints figures; asserts nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConfigLoadBenchmark {
    @Param({"1000"})
    public int instances;

    private Path file;

    @Setup
    public void writeConfig() throws IOException {
        file = Files.createTempFile("vigil-bench", ".conf");
        Files.writeString(file, generate(instances));
        LoadResult r = ConfigLoader.load(file, LoadOptions.defaults());
        if (r.config().vrrpInstances().size() != instances) {
            throw new IllegalStateException("generated config did not parse: " + r.diagnostics());
        }
    }

    @TearDown
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public LoadResult load() {
        return ConfigLoader.load(file, LoadOptions.defaults());
    }

    /** A valid configuration with {@code n} instances spread over enough interfaces to keep VRIDs unique. */
    public static String generate(int n) {
        StringBuilder sb = new StringBuilder(n * 400);
        sb.append("global_defs {\n  router_id bench\n  enable_script_security\n  script_user root\n}\n");
        sb.append("vrrp_script chk {\n  script \"/bin/true\"\n  interval 2\n  weight 0\n}\n");
        for (int i = 0; i < n; i++) {
            int vrid = i % 255 + 1;
            sb.append("vrrp_instance VI_").append(i).append(" {\n")
                    .append("  state ").append(i % 2 == 0 ? "MASTER" : "BACKUP").append('\n')
                    .append("  interface eth").append(i / 255).append('\n')
                    .append("  virtual_router_id ").append(vrid).append('\n')
                    .append("  priority ").append(100 + i % 100).append('\n')
                    .append("  advert_int 1\n")
                    .append("  authentication {\n    auth_type PASS\n    auth_pass p").append(i % 1000).append("\n  }\n")
                    .append("  track_script {\n    chk\n  }\n")
                    .append("  virtual_ipaddress {\n    10.").append(i / 250).append('.').append(i % 250)
                    .append(".1/24 dev eth").append(i / 255).append("\n  }\n}\n");
            if (i % 10 == 0) {
                sb.append("virtual_server 10.").append(i / 250).append('.').append(i % 250).append(".1 80 {\n")
                        .append("  delay_loop 6\n  lb_algo rr\n  lb_kind DR\n  protocol TCP\n");
                for (int r = 1; r <= 2; r++) {
                    sb.append("  real_server 192.168.").append(i % 250).append('.').append(r).append(" 80 {\n")
                            .append("    weight 1\n    HTTP_GET {\n      url {\n        path /health\n")
                            .append("        status_code 200\n      }\n      connect_timeout 3\n    }\n  }\n");
                }
                sb.append("}\n");
            }
        }
        return sb.toString();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ConfigLoadBenchmark.class.getSimpleName()).build()).run();
    }
}
