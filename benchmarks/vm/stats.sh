#!/bin/sh
# Reads numbers (one a line) on stdin and prints "count min median max" (median of an even count: the mean of the
# middle two), or "0 - - -" when there are none. Decimals are kept to DIGITS places (default 0).
#   stats.sh [DIGITS] < numbers
DIGITS=${1:-0}
sort -g | awk -v d="$DIGITS" '
  { v[NR] = $1 }
  END {
    if (NR == 0) { print "0 - - -"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    f = "%." d "f"
    printf "%d " f " " f " " f "\n", NR, v[1], m, v[NR]
  }'
