#!/usr/bin/env bash
# Runs the scenario scripts with an mpicsim binary.
#   tests/scenarios/*.mpic            must exit 0 (all expectations pass)
#   tests/scenarios/negative/*.mpic   must exit 1 (deliberately wrong expectations)
#   tests/scenarios/malformed/*.mpic  must exit 2 (malformed scripts)
# Usage: bash tests/run_scenarios.sh [path/to/mpicsim]   (-v: show output of failures)
set -u
verbose=0
if [ "${1:-}" = "-v" ]; then verbose=1; shift; fi
sim=${1:-build/bin/mpicsim}
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/scenarios
if [ ! -x "$sim" ]; then
  echo "run_scenarios: mpicsim binary '$sim' not found or not executable" >&2
  exit 2
fi

ok=0
bad=0
check() { # file expected-exit-code
  local f=$1 want=$2 out rc summary
  out=$("$sim" -q "$f" 2>&1)
  rc=$?
  summary=$(printf '%s\n' "$out" | tail -n 1)
  summary=${summary//"$dir"\//}
  local name=${f#"$dir"/}
  if [ "$rc" -eq "$want" ]; then
    ok=$((ok + 1))
    printf 'PASS  %-40s exit %d  %s\n' "$name" "$rc" "$summary"
  else
    bad=$((bad + 1))
    printf 'FAIL  %-40s exit %d (want %d)  %s\n' "$name" "$rc" "$want" "$summary"
    if [ "$verbose" = 1 ] || [ "$want" -eq 0 ]; then
      printf '%s\n' "$out" | grep -v 'passed, .* failed$' | sed 's/^/      /' | head -n 40
    fi
  fi
}

shopt -s nullglob
for f in "$dir"/*.mpic; do check "$f" 0; done
for f in "$dir"/negative/*.mpic; do check "$f" 1; done
for f in "$dir"/malformed/*.mpic; do check "$f" 2; done

total=$((ok + bad))
echo "scenarios: $ok/$total as expected, $bad mismatched"
[ "$total" -gt 0 ] && [ "$bad" -eq 0 ]
