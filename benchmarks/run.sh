#!/bin/sh
# One-command benchmarks for Vigil, each next to keepalived 2.2.7 (see benchmarks/README.md). Run as root:
#   benchmarks/run.sh all [--runs N]       every benchmark below (failover with N runs per pair, default 20)
#   benchmarks/run.sh failover [--runs N] [--pairs ID,ID...] [--hold SECONDS]
#   benchmarks/run.sh jitter [--seconds S] [--runs N] [--checks N]
#   benchmarks/run.sh scale [--runs N] [--sizes 1,100,1000]
#   benchmarks/run.sh startup [--runs N]
#   benchmarks/run.sh jmh                  (no root needed)
# Figures are printed and written into BENCHMARKS.md at the repository root, each benchmark between its own
# <!-- NAME:begin --> / <!-- NAME:end --> markers.
set -eu
# Functions keep their variables `local` (dash and bash both have it): `all` calls one benchmark after another,
# and a shared name such as `runs` must not leak from one into the next.

usage() {
    cat >&2 <<EOF
usage: $0 all [--runs N]
       $0 failover [--runs N] [--pairs keepalived-keepalived,vigil-vigil,vigil-keepalived,keepalived-vigil] [--hold SECONDS]
       $0 jitter [--seconds S] [--runs N] [--checks N]
       $0 scale [--runs N] [--sizes 1,100,1000]
       $0 startup [--runs N]
       $0 jmh
EOF
    exit 2
}

root=$(cd "$(dirname "$0")/.." && pwd)
report=$root/BENCHMARKS.md
[ $# -ge 1 ] || usage
bench=$1
shift
case $bench in all|failover|jitter|scale|startup|jmh) ;; *) usage ;; esac
if [ "$bench" != jmh ] && [ "$(id -u)" -ne 0 ]; then
    echo "$0: run as root (the benchmark builds network namespaces)" >&2
    exit 2
fi

positive() { # NAME VALUE
    case $2 in ''|*[!0-9]*|0) echo "$0: $1 needs a positive number" >&2; exit 2 ;; esac
}

# Runs one @Tag("bench") JUnit class of the daemon module with -Dbench.* properties, then shows its per-run lines
# and the Markdown it wrote (surefire keeps the test's console output in a file).
run_daemon_bench() { # CLASS LINE-PREFIX PROPERTY...
    local class prefix output rc
    class=$1 prefix=$2
    shift 2
    output=$root/daemon/target/surefire-reports/dev.vigil.daemon.bench.$class-output.txt
    rm -f "$output"
    rc=0
    (cd "$root" && mvn -B -q -pl daemon -am test -Dtest.excludedGroups= -Dtest.groups=bench -Dtest="$class" \
        -Dsurefire.failIfNoSpecifiedTests=false -Dbench.report="$report" "$@") || rc=$?
    if [ -f "$output" ]; then
        grep -E "^$prefix" "$output" || true
        sed -n '/^## /,$p' "$output" | grep -v '^----' || true
    fi
    return $rc
}

bench_failover() { # [--runs N] [--pairs ...] [--hold S]
    local runs pairs hold command all_pairs list pair output results status
    runs=20 pairs=all hold=3
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
    positive --runs "$runs"
    positive --hold "$hold"
    command="benchmarks/run.sh failover --runs $runs"
    [ "$pairs" = all ] || command="$command --pairs $pairs"
    [ "$hold" = 3 ] || command="$command --hold $hold"

    all_pairs="keepalived-keepalived vigil-vigil vigil-keepalived keepalived-vigil"
    if [ "$pairs" = all ]; then list=$all_pairs; else list=$(echo "$pairs" | tr ',' ' '); fi
    for pair in $list; do
        case " $all_pairs " in *" $pair "*) ;; *) echo "$0: unknown pair '$pair'" >&2; usage ;; esac
    done

    output=$root/daemon/target/surefire-reports/dev.vigil.daemon.bench.FailoverBenchmark-output.txt
    results=$root/daemon/target/failover-results
    rm -rf "$results"
    status=0
    # One Maven run per pair: surefire allows a forked JVM 40 minutes. Each run saves its pair's samples in $results
    # and rewrites the report from every pair saved so far.
    for pair in $list; do
        rm -f "$output"
        (cd "$root" && mvn -B -q -pl daemon -am test -Dtest.excludedGroups= -Dtest.groups=bench \
            -Dtest=FailoverBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.runs="$runs" \
            -Dbench.pairs="$pair" -Dbench.hold="$hold" -Dbench.results="$results" -Dbench.report="$report" \
            -Dbench.command="$command") || status=$?
        # The per-run lines (the daemons' logs stay in the surefire output file).
        [ -f "$output" ] && grep -E '^(failover benchmark:|[a-z]+-[a-z]+ run)' "$output"
    done
    [ -f "$output" ] && sed -n '/^## Failover/,$p' "$output"
    return $status
}

bench_jitter() { # [--seconds S] [--runs N] [--checks N]
    local seconds runs checks
    seconds=60 runs=1 checks=5000
    while [ $# -gt 0 ]; do
        case $1 in
            --seconds) [ $# -ge 2 ] || usage; seconds=$2; shift 2 ;;
            --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
            --checks) [ $# -ge 2 ] || usage; checks=$2; shift 2 ;;
            *) usage ;;
        esac
    done
    positive --seconds "$seconds"
    positive --runs "$runs"
    positive --checks "$checks"
    run_daemon_bench JitterBenchmark "jitter benchmark:" -Dbench.seconds="$seconds" -Dbench.runs="$runs" \
        -Dbench.checks="$checks" \
        -Dbench.command="benchmarks/run.sh jitter --seconds $seconds --runs $runs --checks $checks"
}

bench_scale() { # scale|startup [--runs N] [--sizes LIST]
    local kind runs sizes steady
    kind=$1
    shift
    runs=3
    if [ "$kind" = scale ]; then sizes=1,100,1000 steady=10; else sizes=1,1000 steady=0; fi
    while [ $# -gt 0 ]; do
        case $1 in
            --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
            --sizes) [ $# -ge 2 ] || usage; sizes=$2; shift 2 ;;
            *) usage ;;
        esac
    done
    positive --runs "$runs"
    case $sizes in ''|*[!0-9,]*) echo "$0: --sizes needs numbers separated by commas" >&2; exit 2 ;; esac
    run_daemon_bench ScaleBenchmark "scale benchmark:" -Dbench.runs="$runs" -Dbench.scales="$sizes" \
        -Dbench.steady="$steady" -Dbench.command="benchmarks/run.sh $kind --runs $runs --sizes $sizes"
}

bench_jmh() {
    local dir args module
    [ $# -eq 0 ] || usage
    dir=$root/daemon/target/jmh
    mkdir -p "$dir"
    rm -f "$dir"/*.csv
    args="-f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf csv"
    # One Maven run per module, each writing its own CSV (the bench profile runs org.openjdk.jmh.Main).
    for module in vrrp ipvs-sync; do
        (cd "$root" && mvn -B -q -pl $module -am -Pbench -DskipTests test -Djmh.args="$args -rff $dir/$module.csv")
    done
    run_daemon_bench JmhReport "no lines" -Dbench.jmh="$dir/vrrp.csv,$dir/ipvs-sync.csv" \
        -Dbench.command="benchmarks/run.sh jmh"
}

# The IPVS benchmarks run inside the QEMU VM (this kernel has no IPVS); they are standalone scripts that rewrite
# their own sections of BENCHMARKS.md (helper scripts maintained apart from this one). Run each if it is there,
# from the repository root as they expect.
bench_vm() {
    local status script
    status=0
    for script in ipvs-start.sh checkers.sh; do
        if [ -x "$root/benchmarks/$script" ]; then
            echo "== benchmarks/$script"
            (cd "$root" && "benchmarks/$script") || status=$?
        else
            echo "== benchmarks/$script: not present, skipped"
        fi
    done
    return $status
}

bench_all() { # [--runs N] (failover runs per pair)
    local runs started failed step
    runs=20
    while [ $# -gt 0 ]; do
        case $1 in
            --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
            --runs=*) runs=${1#--runs=}; shift ;;
            *) usage ;;
        esac
    done
    positive --runs "$runs"
    started=$(date +%s)
    failed=""
    for step in jmh jitter scale vm failover; do
        echo "==== $step ($(( $(date +%s) - started )) s so far)"
        case $step in
            jmh) bench_jmh || failed="$failed jmh" ;;
            jitter) bench_jitter || failed="$failed jitter" ;;
            scale) bench_scale scale || failed="$failed scale" ;; # also writes the startup and memory sections
            vm) bench_vm || failed="$failed vm" ;;
            failover) bench_failover --runs "$runs" || failed="$failed failover" ;;
        esac
    done
    echo "==== all done in $(( $(date +%s) - started )) s"
    if [ -n "$failed" ]; then
        echo "failed:$failed" >&2
        return 1
    fi
}

status=0
case $bench in
    all) bench_all "$@" || status=$? ;;
    failover) bench_failover "$@" || status=$? ;;
    jitter) bench_jitter "$@" || status=$? ;;
    scale|startup) bench_scale "$bench" "$@" || status=$? ;;
    jmh) bench_jmh "$@" || status=$? ;;
esac
[ $status -eq 0 ] && echo "figures written to $report"
exit $status
