#!/bin/sh
# The checker engine's CPU per check, in one JVM on this machine (no IPVS needed):
#   ./healthchecker/bench.sh [TCP_CHECK|HTTP_GET] [real_servers] [delay_loop_ms] [seconds] [port]
# (defaults: TCP_CHECK 5000 1000 20 18080). The daemon-level comparison with keepalived is benchmarks/checkers.sh.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl linux,healthchecker -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
ulimit -n 65536 2>/dev/null || true
java -XX:+UseSerialGC -cp "healthchecker/target/test-classes:healthchecker/target/classes:linux/target/classes:$(cat healthchecker/target/bench-classpath.txt)" \
    dev.vigil.healthchecker.CheckerCpuBenchmark "$@"
