#!/usr/bin/env bash
# Test of the built .deb (run by `mvn verify` in packaging/; JUnit tag `slow`, so it runs only when the excluded
# test groups do not name `slow`, as in scripts/test-all.sh). Never touches the host's system: the package is
# extracted, and installed with dpkg --root, into throwaway directories.
#   packaging/src/test/sh/deb-test.sh packaging/target examples "<excluded groups>"
# Checks: control fields, conffiles, maintainer scripts, every file and its mode, the systemd unit's keys
# (and `systemd-analyze verify` where available), vigil -v / -h / -t run through the installed /usr/sbin/vigil, and
# dpkg install / conffile kept on reinstall / remove / purge, and (as root) the unit's ExecStart run from the installed
# files with NOTIFY_SOCKET set: READY=1 with MAINPID, RELOADING=1/READY=1 on SIGHUP, STOPPING=1 on SIGTERM.
set -euo pipefail
target=$1
examples_dir=$2
excluded=${3:-}
case ",$excluded," in
  *,slow,*) echo "deb-test: skipped (tag slow excluded; run with -Dtest.excludedGroups=)"; exit 0 ;;
esac
command -v dpkg-deb >/dev/null || { echo "deb-test: FAIL: dpkg-deb not found" >&2; exit 1; }

shopt -s nullglob
debs=("$target"/vigil_*_all.deb)
[ "${#debs[@]}" -eq 1 ] || { echo "deb-test: FAIL: expected one vigil_*_all.deb in $target, found ${#debs[@]}" >&2; exit 1; }
deb=${debs[0]}
work=$(mktemp -d)
daemon= listener=
cleanup() {
  for p in $daemon $listener; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "deb-test: FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
field() { dpkg-deb -f "$deb" "$1"; }
expect_eq() { [ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"; }

# --- control ---
expect_eq Package "$(field Package)" vigil
expect_eq Architecture "$(field Architecture)" all
version=$(field Version)
expect_eq "file name" "$(basename "$deb")" "vigil_${version}_all.deb"
expect_eq Depends "$(field Depends)" \
  "openjdk-17-jre-headless | java17-runtime-headless | java-runtime-headless (>= 17), iproute2"
expect_eq Recommends "$(field Recommends)" ipvsadm
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Installed-Size)" ] || fail "no Installed-Size"
expect_eq conffiles "$(dpkg-deb -I "$deb" conffiles)" /etc/default/vigil
ok "control: vigil $version, Depends, Recommends, conffiles"

# --- maintainer scripts: syntax, and systemctl only when systemd runs and dpkg installs into / ---
mkdir "$work/control"
dpkg-deb -e "$deb" "$work/control"
mkdir "$work/fakebin"
printf '#!/bin/sh\necho "$*" >>"%s/systemctl.calls"\n' "$work" >"$work/fakebin/systemctl"
chmod 755 "$work/fakebin/systemctl"
run_script() { # script args... ; fake systemctl on PATH
  PATH="$work/fakebin:$PATH" sh "$work/control/$1" "${@:2}" >/dev/null
}
for s in postinst prerm postrm; do
  [ -x "$work/control/$s" ] || fail "$s missing or not executable"
  sh -n "$work/control/$s" || fail "$s: syntax error"
done
rm -f "$work/systemctl.calls"
DPKG_ROOT=/nonexistent run_script postinst configure
DPKG_ROOT=/nonexistent run_script prerm remove
DPKG_ROOT=/nonexistent run_script postrm remove
[ ! -e "$work/systemctl.calls" ] || fail "maintainer scripts called systemctl under DPKG_ROOT: $(cat "$work/systemctl.calls")"
run_script postinst configure
if [ -d /run/systemd/system ]; then
  grep -qx daemon-reload "$work/systemctl.calls" || fail "postinst did not run systemctl daemon-reload"
else
  [ ! -e "$work/systemctl.calls" ] || fail "postinst called systemctl without systemd: $(cat "$work/systemctl.calls")"
fi
ok "maintainer scripts: syntax; systemctl only when systemd runs and the root is /"

# --- every file ---
root="$work/root"
dpkg-deb -x "$deb" "$root"
jars=$(cd "$target/vigil/lib" && ls ./*.jar | sed 's|^\./|./usr/share/vigil/lib/|')
[ -n "$jars" ] || fail "no jars in $target/vigil/lib"
examples=$(cd "$examples_dir" && ls | sed 's|^|./usr/share/doc/vigil/examples/|')
expected=$(printf '%s\n' ./usr/share/vigil/bin/vigil ./usr/sbin/vigil ./lib/systemd/system/vigil.service \
  ./etc/default/vigil ./usr/share/doc/vigil/README.md "$jars" "$examples" | sort)
actual=$(cd "$root" && find . ! -type d | sort)
[ "$actual" = "$expected" ] || { diff <(echo "$expected") <(echo "$actual") >&2 || true; fail "file list differs"; }
mode() { stat -c '%a %U:%G' "$root/$1"; }
expect_eq "launcher mode" "$(mode usr/share/vigil/bin/vigil)" "755 root:root"
expect_eq "unit mode" "$(mode lib/systemd/system/vigil.service)" "644 root:root"
expect_eq "default mode" "$(mode etc/default/vigil)" "644 root:root"
for j in "$root"/usr/share/vigil/lib/*.jar; do
  expect_eq "$j mode" "$(stat -c %a "$j")" 644
  cmp -s "$j" "$target/vigil/lib/$(basename "$j")" || fail "$(basename "$j") differs from the distribution's"
done
cmp -s "$root/usr/share/vigil/bin/vigil" "$target/vigil/bin/vigil" || fail "launcher differs from the distribution's"
[ -L "$root/usr/sbin/vigil" ] || fail "/usr/sbin/vigil is not a symlink"
expect_eq "/usr/sbin/vigil target" "$(readlink "$root/usr/sbin/vigil")" ../share/vigil/bin/vigil
expect_eq "dpkg-deb -c user" "$(dpkg-deb -c "$deb" | awk '{print $2}' | sort -u)" root/root
grep -qx 'DAEMON_ARGS=""' "$root/etc/default/vigil" || fail '/etc/default/vigil lacks DAEMON_ARGS=""'
ok "files: $(echo "$actual" | wc -l) files, modes, launcher and jars identical to target/vigil, symlink"

# --- the systemd unit ---
unit="$root/lib/systemd/system/vigil.service"
unit_values() { # section key -> values, one per line (a key may repeat)
  awk -v sec="[$1]" -v key="$2" '
    /^\[/ { in_sec = ($0 == sec); next }
    in_sec && index($0, key "=") == 1 { print substr($0, length(key) + 2) }' "$unit"
}
expect_key() { expect_eq "[$1] $2" "$(unit_values "$1" "$2")" "$3"; }
expect_key Unit After network-online.target
expect_key Unit Wants network-online.target
expect_key Unit ConditionFileNotEmpty /etc/keepalived/keepalived.conf
expect_key Unit Conflicts keepalived.service
expect_key Service Type notify
expect_key Service NotifyAccess main
expect_key Service EnvironmentFile -/etc/default/vigil
expect_key Service ExecStart '/usr/sbin/vigil --dont-fork $DAEMON_ARGS'
expect_key Service ExecReload '/bin/kill -HUP $MAINPID'
expect_key Service Restart on-failure
expect_key Service RestartPreventExitStatus 4
expect_key Service AmbientCapabilities 'CAP_NET_ADMIN CAP_NET_RAW'
expect_key Service RuntimeDirectory vigil
expect_key Install WantedBy multi-user.target
bounding=" $(unit_values Service CapabilityBoundingSet) "
for cap in CAP_NET_ADMIN CAP_NET_RAW CAP_KILL CAP_SETUID CAP_SETGID; do
  case $bounding in *" $cap "*) ;; *) fail "CapabilityBoundingSet lacks $cap" ;; esac
done
ok "unit keys"
if command -v systemd-analyze >/dev/null; then
  # The unit as installed, with ExecStart pointing into the throwaway root so the binary check finds it.
  mkdir "$work/unit"
  sed "s|/usr/sbin/vigil|$root/usr/sbin/vigil|" "$unit" >"$work/unit/vigil.service"
  out=$(systemd-analyze verify --man=no "$work/unit/vigil.service" 2>&1) || fail "systemd-analyze verify: $out"
  [ -z "$out" ] || fail "systemd-analyze verify complains: $out"
  ok "systemd-analyze verify"
else
  echo "deb-test: systemd-analyze not found; unit verification skipped"
fi

# --- the installed launcher, through /usr/sbin/vigil ---
vigil="$root/usr/sbin/vigil"
: >"$work/settings.conf"
"$vigil" -v >"$work/out" 2>"$work/err" || fail "vigil -v: exit $?: $(cat "$work/err")"
grep -q "^Vigil v" "$work/out" || fail "vigil -v prints no version"
"$vigil" -h >"$work/out" 2>&1 || fail "vigil -h: exit $?"
tr -s ' \n' ' ' <"$work/out" | grep -q "(default: /etc/keepalived/keepalived.conf)" || fail "default configuration is not keepalived's"
for f in "$root"/usr/share/doc/vigil/examples/*.conf; do
  [ "$(basename "$f")" != vigil.conf ] || continue
  "$vigil" -t -f "$f" --settings "$work/settings.conf" >"$work/out" 2>"$work/err" \
    || fail "vigil -t -f $(basename "$f"): exit $?: $(cat "$work/err")"
  [ ! -s "$work/err" ] || fail "vigil -t -f $(basename "$f"): diagnostics: $(cat "$work/err")"
done
set +e; "$vigil" -t -f "$work/absent.conf" --settings "$work/settings.conf" >/dev/null 2>&1; rc=$?; set -e
[ "$rc" -ne 0 ] || fail "vigil -t on a missing file exits 0"
ok "installed /usr/sbin/vigil: -v, -h (default config path), -t on the examples"

# --- dpkg into a throwaway root: install, conffile kept on reinstall, remove, purge ---
if [ "$(id -u)" -ne 0 ]; then
  echo "deb-test: not root; dpkg --root install skipped"
  exit 0
fi
inst="$work/inst"
mkdir -p "$inst/var/lib/dpkg/info" "$inst/var/lib/dpkg/updates"
: >"$inst/var/lib/dpkg/status"
dpkg_root() { # the Java runtime and iproute2 are the host's, not in this root's database
  dpkg --root="$inst" --log=/dev/null --force-script-chrootless --force-depends --force-confold "$@" \
    >"$work/dpkg.out" 2>&1 || { cat "$work/dpkg.out" >&2; fail "dpkg $*"; }
}
dpkg_root -i "$deb"
expect_eq "status after install" "$(dpkg-query --admindir="$inst/var/lib/dpkg" -W -f '${Status} ${Version}' vigil)" \
  "install ok installed $version"
"$inst/usr/sbin/vigil" -v >/dev/null 2>&1 || fail "vigil -v after dpkg -i"

# The unit's ExecStart, run from the installed files under a stand-in for systemd: NOTIFY_SOCKET names a datagram
# socket this script reads, and the sd_notify sequence must be what Type=notify + NotifyAccess=main expect.
exec_start=$(unit_values Service ExecStart)
: >"$work/notify.log"
cat >"$work/listen.py" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(120)
with open(sys.argv[2], "a") as log:
    while True:
        msg = s.recv(4096).decode()
        log.write(str(time.time_ns()) + " " + msg.replace("\n", " ") + "\n")
        log.flush()
        if msg.startswith("STOPPING=1"):
            break
PY
python3 "$work/listen.py" "$work/notify" "$work/notify.log" &
listener=$!
for _ in $(seq 100); do [ -S "$work/notify" ] && break; sleep 0.1; done
printf 'global_defs {\n    router_id deb_test\n}\n' >"$work/keepalived.conf"
daemon_args="-l -f $work/keepalived.conf -p $work/vigil.pid --settings $work/settings.conf"
cmd=${exec_start/\/usr\/sbin\/vigil/$inst/usr/sbin/vigil}
cmd=${cmd/\$DAEMON_ARGS/$daemon_args}
launched=$(date +%s%N)
# shellcheck disable=SC2086 # split like systemd splits ExecStart
NOTIFY_SOCKET="$work/notify" $cmd >"$work/daemon.log" 2>&1 &
daemon=$!
await_line() { # n pattern: the n-th notification matches
  for _ in $(seq 600); do
    [ "$(sed -n "$1p" "$work/notify.log")" ] && break
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.1
  done
  sed -n "$1p" "$work/notify.log" | cut -d' ' -f2- | grep -Eqx "$2" \
    || { cat "$work/daemon.log" "$work/notify.log" >&2; fail "notification $1 is not /$2/"; }
}
await_line 1 "READY=1 MAINPID=$daemon"
ready_ms=$(( ($(sed -n 1p "$work/notify.log" | cut -d' ' -f1) - launched) / 1000000 ))
kill -HUP "$daemon"
await_line 2 "RELOADING=1 MONOTONIC_USEC=[0-9]+"
await_line 3 "READY=1 MAINPID=$daemon"
kill -TERM "$daemon"
await_line 4 "STOPPING=1"
set +e; wait "$daemon"; rc=$?; wait "$listener"; set -e
daemon= listener=
[ "$rc" -eq 0 ] || { cat "$work/daemon.log" >&2; fail "daemon exit $rc after SIGTERM"; }
ok "ExecStart from the installed unit: READY=1 with MAINPID, RELOADING=1/READY=1 on SIGHUP, STOPPING=1, exit 0"
echo "deb-test: installed daemon (no subsystems yet) sent READY=1 ${ready_ms} ms after ExecStart"
echo 'DAEMON_ARGS="-D"' >"$inst/etc/default/vigil"
dpkg_root -i "$deb"
grep -qx 'DAEMON_ARGS="-D"' "$inst/etc/default/vigil" || fail "reinstall replaced the edited /etc/default/vigil"
dpkg_root -r vigil
[ ! -e "$inst/usr/share/vigil/bin/vigil" ] && [ ! -L "$inst/usr/sbin/vigil" ] \
  && [ ! -e "$inst/lib/systemd/system/vigil.service" ] || fail "files left after dpkg -r"
[ -e "$inst/etc/default/vigil" ] || fail "dpkg -r removed the conffile"
# what `systemctl enable vigil` leaves behind; a purge must not leave it dangling
mkdir -p "$inst/etc/systemd/system/multi-user.target.wants"
ln -s /lib/systemd/system/vigil.service "$inst/etc/systemd/system/multi-user.target.wants/vigil.service"
dpkg_root -P vigil
[ ! -e "$inst/etc/default/vigil" ] || fail "conffile left after dpkg -P"
[ ! -L "$inst/etc/systemd/system/multi-user.target.wants/vigil.service" ] || fail "enablement link left after dpkg -P"
ok "dpkg --root: install, edited conffile kept on reinstall, remove keeps it, purge removes it and the enable link"
echo "deb-test: $(basename "$deb") ($(stat -c %s "$deb") bytes) passed"
