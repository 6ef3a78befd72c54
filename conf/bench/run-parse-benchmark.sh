#!/bin/sh
# Parse benchmark: reads a generated 1,000-instance keepalived.conf with JMH and prints the average time.
# Usage (from the repository root): conf/bench/run-parse-benchmark.sh
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl conf test-compile
mvn -B -q -o -pl conf dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/conf/target/bench.cp"
exec java -cp "conf/target/test-classes:conf/target/classes:$(cat conf/target/bench.cp)" \
    dev.vigil.conf.bench.ConfigLoadBenchmark "$@"
