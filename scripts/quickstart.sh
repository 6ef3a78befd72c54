#!/usr/bin/env bash
# Quick start: build Vigil, run the lab (as root: a director pair in network namespaces, a live failover and its
# timeline), then check and dump a bundled example (no root needed once a JDK and Maven are present).
#   scripts/quickstart.sh
# Installs only what is missing: a JDK 17 and Maven (Debian packages, as root). Nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if ((${#need[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "quickstart: missing ${need[*]}; install them (as root: apt-get install ${need[*]}) and re-run." >&2
    exit 1
  fi
  echo "==> Installing ${need[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

echo "==> Building (mvn -B -q package -DskipTests)"
mvn -B -q package -DskipTests

vigil=packaging/target/vigil/bin/vigil
example=examples/lvs-dr-master.conf

if [ "$(id -u)" -eq 0 ]; then
  # Interactive on a terminal (Enter kills the master, Enter again cleans up); straight through otherwise.
  echo "==> $vigil lab"
  "$vigil" lab || echo "    vigil lab failed (the reason is above); carrying on"
else
  echo "==> Skipping the lab (it needs root): sudo $vigil lab"
fi

echo "==> $vigil -t -f $example"
set +e
"$vigil" -t -f "$example"
rc=$?
set -e
case $rc in
  0) echo "    exit 0: configuration OK" ;;
  5) echo "    exit 5: errors, but it would run" ;;
  6) echo "    exit 6: script security problem" ;;
  *) echo "    exit $rc: the configuration cannot run"; exit "$rc" ;;
esac

echo "==> $vigil config dump -f $example"
"$vigil" config dump -f "$example"

echo
echo "Vigil is built: $vigil (try: $vigil --help)"
