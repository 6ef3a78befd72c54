#!/bin/sh
# One-command benchmarks for Vigil (see benchmarks/README.md). Run as root from anywhere:
#   benchmarks/run.sh failover [--runs N] [--pairs ID,ID...] [--hold SECONDS]
# Figures are printed and written into BENCHMARKS.md at the repository root.
set -eu

usage() {
    echo "usage: $0 failover [--runs N] [--pairs keepalived-keepalived,vigil-vigil,vigil-keepalived,keepalived-vigil] [--hold SECONDS]" >&2
    exit 2
}

root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || usage
bench=$1
shift
[ "$bench" = failover ] || usage
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (the benchmark builds network namespaces)" >&2; exit 2; }

runs=20
pairs=all
hold=3
while [ $# -gt 0 ]; do
    case $1 in
        --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
        --runs=*) runs=${1#--runs=}; shift ;;
        --pairs) [ $# -ge 2 ] || usage; pairs=$2; shift 2 ;;
        --pairs=*) pairs=${1#--pairs=}; shift ;;
        --hold) [ $# -ge 2 ] || usage; hold=$2; shift 2 ;;
        --hold=*) hold=${1#--hold=}; shift ;;
        *) usage ;;
    esac
done
case $runs in ''|*[!0-9]*|0) echo "$0: --runs needs a positive number" >&2; exit 2 ;; esac
case $hold in ''|*[!0-9]*|0) echo "$0: --hold needs a positive number of seconds" >&2; exit 2 ;; esac

command="benchmarks/run.sh failover --runs $runs"
[ "$pairs" = all ] || command="$command --pairs $pairs"
[ "$hold" = 3 ] || command="$command --hold $hold"

all_pairs="keepalived-keepalived vigil-vigil vigil-keepalived keepalived-vigil"
if [ "$pairs" = all ]; then list=$all_pairs; else list=$(echo "$pairs" | tr ',' ' '); fi
for pair in $list; do
    case " $all_pairs " in *" $pair "*) ;; *) echo "$0: unknown pair '$pair'" >&2; usage ;; esac
done

cd "$root"
output=daemon/target/surefire-reports/dev.vigil.daemon.bench.FailoverBenchmark-output.txt
results=$root/daemon/target/failover-results
rm -rf "$results"
status=0
# One Maven run per pair: surefire allows a forked JVM 40 minutes. Each run saves its pair's samples in $results
# and rewrites the report from every pair saved so far.
for pair in $list; do
    rm -f "$output"
    mvn -B -q -pl daemon -am test -Dtest.excludedGroups= -Dtest.groups=bench -Dtest=FailoverBenchmark \
        -Dsurefire.failIfNoSpecifiedTests=false -Dbench.runs="$runs" -Dbench.pairs="$pair" -Dbench.hold="$hold" \
        -Dbench.results="$results" -Dbench.report="$root/BENCHMARKS.md" -Dbench.command="$command" || status=$?
    # The per-run lines (the daemons' logs stay in the surefire output file).
    [ -f "$output" ] && grep -E '^(failover benchmark:|[a-z]+-[a-z]+ run)' "$output"
done
[ -f "$output" ] && sed -n '/^## Failover/,$p' "$output"
[ $status -eq 0 ] && echo "figures written to $root/BENCHMARKS.md"
exit $status
