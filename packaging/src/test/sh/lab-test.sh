#!/usr/bin/env bash
# `vigil lab` through the built distribution's own launcher (run by `mvn verify` in packaging/; JUnit tag `netns`,
# so it runs only as root and when the excluded test groups do not name `netns`, as in scripts/test-all.sh).
# The directors then start through bin/vigil itself, with the launcher's JVM flags: this is where the lab's memory
# figure for a real installation comes from. Checks the JSON timeline and that nothing is left behind.
#   packaging/src/test/sh/lab-test.sh packaging/target/vigil "<excluded groups>"
set -euo pipefail
dist=$1
excluded=${2:-}
case ",$excluded," in
  *,netns,*) echo "lab-test: skipped (tag netns excluded; run with -Dtest.excludedGroups=)"; exit 0 ;;
esac
if [ "$(id -u)" -ne 0 ]; then
  echo "lab-test: skipped (not root)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "lab-test: FAIL: $*" >&2; cat "$work/err" >&2 || true; exit 1; }

"$dist/bin/vigil" lab --help >"$work/out" 2>"$work/err" || fail "vigil lab --help"
grep -q -- "--non-interactive" "$work/out" || fail "--help names --non-interactive"
if command -v setpriv >/dev/null; then
  set +e
  setpriv --reuid=65534 --regid=65534 --clear-groups "$dist/bin/vigil" lab --non-interactive >"$work/out" 2>"$work/err"
  rc=$?
  set -e
  [ "$rc" -eq 4 ] || fail "vigil lab without privileges: exit $rc, expected 4"
  grep -q "needs root" "$work/err" || fail "vigil lab without privileges says it needs root"
  echo "ok: vigil lab without privileges exits 4"
fi

set +e
"$dist/bin/vigil" lab --non-interactive --json >"$work/out" 2>"$work/err" </dev/null &
lab=$!
wait "$lab"; rc=$?
set -e
[ "$rc" -eq 0 ] || fail "vigil lab exited $rc"
python3 - "$work/out" <<'PY' || fail "timeline checks"
import json, sys
r = json.load(open(sys.argv[1]))
t = r["timeline"]
ev = {e["key"]: e["offset_ms"] for e in t["events"]}
for k in ("last_advert", "killed", "takeover", "first_garp", "client_reachable", "master_mail"):
    assert k in ev, f"{k} missing: {ev}"
assert ev["last_advert"] < ev["first_garp"], ev
assert ev["takeover"] <= ev["client_reachable"], ev
mdi = t["master_down_interval_ms"]
assert mdi - 250 < t["takeover_after_last_advert_ms"] < mdi + 1000, t
subjects = [m["subject"] for m in r["mails"]]
assert "[director2] VRRP Instance VI_1 - Entering MASTER state" in subjects, subjects
for m in r["memory"]:
    print(f"lab-test: {m['director']} ({m['state']}) VmRSS {m['rss_kb'] / 1024:.1f} MB")
print(f"lab-test: takeover {t['takeover_after_last_advert_ms']} ms after the last advert (Master_Down_Interval {mdi} ms), "
      f"client back at +{ev['client_reachable']} ms; IPVS {'used' if r['ipvs'] else 'not available'}")
PY
grep -q "cleaned up" "$work/err" || fail "no 'cleaned up' line"
if ip netns list | grep -q "^vlab$lab-"; then fail "namespaces left behind: $(ip netns list | grep "^vlab$lab-")"; fi
labdir=$(sed -n 's/.*(work files in \([^)]*\)).*/\1/p' "$work/err" | head -1)
[ -n "$labdir" ] || fail "no work directory named in the output"
[ ! -e "$labdir" ] || fail "work directory $labdir left behind"
if pgrep -f "$labdir/" >/dev/null; then fail "a director outlived the lab: $(pgrep -af "$labdir/")"; fi
echo "ok: vigil lab through bin/vigil: timeline in order, nothing left behind"
