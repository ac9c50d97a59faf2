#!/usr/bin/env bash
# run_tests.sh VTB REPLAY LOGDIR [PLUSARGS...]: run every scenario of the
# Verilated testbench, replay each stimulus on the bare core and compare the
# transaction logs. Fails on the first assertion, scenario check or mismatch.
# RTL_SEED / RTL_CYCLES set the random scenario's seed and length.
# With TLM_REPLAY (tests/tlm/txn_replay_tlm) set, each stimulus is also
# replayed through the SystemC wrapper (LT b_transport: wait() to each issue
# cycle, then through a quantum keeper of TLM_QUANTUM cycles) and its log must
# equal the RTL's (the core's in `pipeline`); a perturbed latency must be caught.
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
  [ -n "${TLM_REPLAY:-}" ] || continue
  # 3. the SystemC wrapper: completion = issue + annotated delay, pins from its
  #    sc_out. It has no in-order data rule, so in `pipeline` it must equal the
  #    core's log instead of the RTL's. Rejected accesses complete after the
  #    plain latency in all three (core, wrapper, bus: rule 7).
  want="$logs/$sc.rtl.log"
  [ "$sc" = pipeline ] && want="$logs/$sc.core.log"
  tlm_ok=yes
  for q in 0 "${TLM_QUANTUM:-1000}"; do
    if ! SC_COPYRIGHT_MESSAGE=DISABLE "$TLM_REPLAY" --quantum "$q" "$logs/$sc.stim" \
      > "$logs/$sc.tlm-q$q.log" 2> "$logs/$sc.tlm-q$q.err"; then
      cat "$logs/$sc.tlm-q$q.err" >&2
      echo "FAIL $sc: SystemC replay (quantum $q)" >&2
      tlm_ok=no
    elif ! bash "$here/txn_compare.sh" "$want" "$logs/$sc.tlm-q$q.log"; then
      echo "FAIL $sc: SystemC wrapper log (quantum $q) differs from $(basename "$want")" >&2
      tlm_ok=no
    fi
  done
  if [ $tlm_ok = no ]; then
    status=1
    continue
  fi
  echo "ok   $sc: SystemC wrapper, LT wait() and quantum ${TLM_QUANTUM:-1000}: $(tail -n 1 "$logs/$sc.tlm-q0.err" | sed 's/^txn_replay_tlm: //; s/, wait.*//') match $(basename "$want")"
done
# The comparison must see a latency one cycle off: the IACK of `life`.
if [ -n "${TLM_REPLAY:-}" ] && [ -f "$logs/life.stim" ]; then
  SC_COPYRIGHT_MESSAGE=DISABLE "$TLM_REPLAY" --skew 1 --skew-at 9 "$logs/life.stim" \
    > "$logs/life.tlm-skew.log" 2> /dev/null
  if bash "$here/txn_compare.sh" "$logs/life.rtl.log" "$logs/life.tlm-skew.log" 2> /dev/null; then
    echo "FAIL life: a SystemC latency one cycle off went unnoticed" >&2
    status=1
  else
    echo "ok   life: a SystemC latency one cycle off (--skew 1 --skew-at 9) is caught"
  fi
fi
exit $status
