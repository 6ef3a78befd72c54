#!/bin/sh
# Runs the TCP_CHECK CPU benchmark: ./healthchecker/bench.sh [listeners] [delay_loop_ms] [seconds] [nio]
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl linux,healthchecker -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
java -cp "healthchecker/target/test-classes:healthchecker/target/classes:linux/target/classes:$(cat healthchecker/target/bench-classpath.txt)" \
    dev.vigil.healthchecker.TcpCheckBenchmark "$@"
