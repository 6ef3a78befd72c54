#!/usr/bin/env bash
# Process-level test of the built distribution (run by `mvn verify` in packaging/, after the package phase):
# the real bin/vigil launcher with its JVM flags, on the bundled examples. Prints the idle resident set it measured.
#   packaging/src/test/sh/launcher-test.sh packaging/target/vigil examples
set -euo pipefail
dist=$1
examples=$2
vigil="$dist/bin/vigil"
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "launcher-test: FAIL: $*" >&2; exit 1; }
expect_rc() { # expected-code description command...
  local want=$1 what=$2; shift 2
  set +e; "$@" >"$work/out" 2>"$work/err"; local rc=$?; set -e
  [ "$rc" -eq "$want" ] || { cat "$work/err" >&2; fail "$what: exit $rc, expected $want"; }
  echo "ok: $what (exit $rc)"
}

: >"$work/settings.conf"
# The running daemon gets a configuration with nothing to act on: the test must never touch the host's interfaces.
printf 'global_defs {\n    router_id launcher_test\n}\n' >"$work/keepalived.conf"

expect_rc 0 "vigil -v" "$vigil" -v
grep -q '^Vigil v' "$work/out" || fail "-v prints 'Vigil v...'"

expect_rc 0 "vigil --signum=RELOAD" "$vigil" --signum=RELOAD
[ "$(cat "$work/out")" = 1 ] || fail "--signum=RELOAD prints 1"

for f in lvs-dr-master.conf lvs-dr-backup.conf minimal-vrrp.conf; do
  expect_rc 0 "vigil -t -f $f" "$vigil" -t -f "$examples/$f" --settings "$work/settings.conf"
  [ ! -s "$work/err" ] || { cat "$work/err" >&2; fail "$f: diagnostics on a bundled example"; }
done

expect_rc 0 "vigil config dump" "$vigil" config dump -f "$examples/lvs-dr-master.conf"
[ "$(head -c1 "$work/out")" = "{" ] || fail "config dump prints a JSON object on stdout"

expect_rc 6 "missing keepalived.conf" "$vigil" -f "$work/absent.conf" -p "$work/p.pid" --settings "$work/settings.conf"

if [ "$(id -u)" -ne 0 ]; then
  expect_rc 4 "daemon without privileges" "$vigil" -f "$work/keepalived.conf" -p "$work/vigil.pid" \
    --settings "$work/settings.conf"
  echo "launcher-test: not root; daemon lifecycle skipped"
  exit 0
fi

# Daemon lifecycle: pid file, SIGHUP reload, SIGTERM stop, pid file removed, exit 0.
"$vigil" -n -l -f "$work/keepalived.conf" -p "$work/vigil.pid" --settings "$work/settings.conf" \
  >"$work/daemon.log" 2>&1 &
pid=$!
for _ in $(seq 300); do [ -s "$work/vigil.pid" ] && break; sleep 0.1; done
[ -s "$work/vigil.pid" ] || { cat "$work/daemon.log" >&2; fail "pid file not written"; }
[ "$(cat "$work/vigil.pid")" = "$pid" ] || fail "pid file holds $(cat "$work/vigil.pid"), expected $pid"
echo "ok: daemon started, pid file written"

kill -HUP "$pid"
for _ in $(seq 300); do grep -q 'Reload complete' "$work/daemon.log" && break; sleep 0.1; done
grep -q 'Reload complete' "$work/daemon.log" || { cat "$work/daemon.log" >&2; fail "no reload on SIGHUP"; }
echo "ok: SIGHUP reloads"

sleep 1 # let start-up garbage settle before measuring
rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")

kill -TERM "$pid"
set +e; wait "$pid"; rc=$?; set -e
pid=
[ "$rc" -eq 0 ] || { cat "$work/daemon.log" >&2; fail "exit $rc after SIGTERM"; }
[ ! -e "$work/vigil.pid" ] || fail "pid file left behind"
grep -q 'Stopped Vigil v' "$work/daemon.log" || fail "no 'Stopped Vigil' line"
echo "ok: SIGTERM stops cleanly (exit 0, pid file removed)"
echo "launcher-test: idle daemon (no subsystems yet): VmRSS ${rss} kB, ${threads} threads"
