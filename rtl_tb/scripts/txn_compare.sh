#!/usr/bin/env bash
# txn_compare.sh A B: compare two transaction logs (mpic-txn-log v1,
# docs/bus.md) as sets of lines: comments dropped, lines sorted bytewise.
# Exit 0 when equal; else print the first differences and exit 1.
# Any front end (RTL bus, bare core replay, SystemC wrapper) that writes the
# format can be compared with another.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 LOG_A LOG_B" >&2
  exit 2
fi
norm() { grep -v '^#' "$1" | LC_ALL=C sort; }
if diff <(norm "$1") <(norm "$2") > /tmp/txn_compare.$$ 2>&1; then
  rm -f /tmp/txn_compare.$$
  exit 0
fi
echo "transaction logs differ: $1 vs $2" >&2
head -n 20 /tmp/txn_compare.$$ >&2
rm -f /tmp/txn_compare.$$
exit 1
