#!/usr/bin/env bash
# run_tests.sh VTB REPLAY LOGDIR [PLUSARGS...]: run every scenario of the
# Verilated testbench, replay each stimulus on the bare core and compare the
# transaction logs. Fails on the first assertion, scenario check or mismatch.
# RTL_SEED / RTL_CYCLES set the random scenario's seed and length.
set -uo pipefail
vtb=$1 replay=$2 logs=$3
shift 3
mkdir -p "$logs"
here=$(cd "$(dirname "$0")" && pwd)
seed=${RTL_SEED:-1}
cycles=${RTL_CYCLES:-200000}
status=0
for sc in $("$vtb" --list | awk '{print $1}'); do
  extra=()
  [ "$sc" = random ] && extra=(--seed "$seed" --cycles "$cycles")
  if ! "$vtb" --scenario "$sc" --out "$logs/$sc" "${extra[@]}" "$@"; then
    echo "FAIL $sc: testbench" >&2
    status=1
    continue
  fi
  # 1. the bus: the core's results with the in-order data rule applied
  if ! "$replay" --bus-order "$logs/$sc.stim" > "$logs/$sc.ref.log"; then
    echo "FAIL $sc: replay" >&2
    status=1
    continue
  fi
  if ! bash "$here/txn_compare.sh" "$logs/$sc.rtl.log" "$logs/$sc.ref.log"; then
    echo "FAIL $sc: RTL bus log differs from the core's" >&2
    status=1
    continue
  fi
  # 2. the core's own completion cycles (what a TLM wrapper annotates) equal
  #    the bus's, except in `pipeline`, which forces the in-order stall
  "$replay" "$logs/$sc.stim" > "$logs/$sc.core.log"
  same=yes
  bash "$here/txn_compare.sh" "$logs/$sc.rtl.log" "$logs/$sc.core.log" 2>/dev/null || same=no
  if [ "$sc" != pipeline ] && [ $same = no ]; then
    echo "FAIL $sc: TA differs from the core's completion cycle (in-order stall?)" >&2
    status=1
    continue
  fi
  echo "ok   $sc: $(grep -c '^txn' "$logs/$sc.rtl.log") accesses, $(grep -c '^pin' "$logs/$sc.rtl.log") pin changes match the core (TA = core done: $same)"
done
exit $status
