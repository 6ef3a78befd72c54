#!/usr/bin/env bash
# Runs every test, including the privileged ones (tags netns, keepalived, vm, slow), and prints a summary.
#   scripts/test-all.sh            (as root, on Debian 12)
# Installs what is missing first: the Debian packages in scripts/apt-packages.txt, a JDK 17 and Maven.
# Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# Start from a clean descriptor table, as systemd gives the daemon: tests assert that children inherit nothing, and a
# descriptor leaked by whatever launched this script would fail them. (255 is bash's handle on this script.)
for fd in /proc/$$/fd/*; do
  n=${fd##*/}
  if [ "$n" -gt 2 ] && [ "$n" -ne 255 ]; then eval "exec $n>&-"; fi
done

if [ "$(id -u)" -ne 0 ]; then
  echo "test-all: run as root (the tests create network namespaces, raw sockets and VMs)." >&2
  exit 1
fi

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
while read -r pkg; do
  installed "$pkg" || missing+=("$pkg")
done < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' scripts/apt-packages.txt | grep -v '^$')
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)

if ((${#missing[@]})); then
  echo "==> Installing missing packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "==> All required Debian packages are installed"
fi

# Reports of an earlier run would distort the summary.
rm -rf ./*/target/surefire-reports
echo "==> mvn -B verify -Dtest.excludedGroups=   (every test tag runs)"
set +e
mvn -B verify -Dtest.excludedGroups=
rc=$?
set -e

# Summary from the surefire reports of every module.
total=0 failures=0 errors=0 skipped=0
failed_classes=()
shopt -s nullglob
for report in */target/surefire-reports/*.txt; do
  line=$(grep -m1 '^Tests run:' "$report" || true)
  [ -n "$line" ] || continue
  read -r t f e s < <(echo "$line" | sed -E 's/Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+).*/\1 \2 \3 \4/')
  total=$((total + t)); failures=$((failures + f)); errors=$((errors + e)); skipped=$((skipped + s))
  if ((f + e > 0)); then failed_classes+=("$(basename "$report" .txt)"); fi
done

echo
echo "==================== Vigil test summary ===================="
echo "tests run: $total   failures: $failures   errors: $errors   skipped: $skipped"
for c in "${failed_classes[@]}"; do echo "FAILED: $c"; done
if [ "$rc" -eq 0 ] && ((failures + errors == 0)); then
  echo "RESULT: PASS"
else
  echo "RESULT: FAIL (maven exit code $rc)"
  [ "$rc" -ne 0 ] || rc=1
fi
echo "============================================================"
exit "$rc"
