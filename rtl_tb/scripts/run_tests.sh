#!/usr/bin/env bash
# run_tests.sh VTB REPLAY LOGDIR [PLUSARGS...]: run every scenario of the
# Verilated testbench, replay each stimulus on the bare core and compare the
# transaction logs. Fails on the first assertion, scenario check or mismatch.
# RTL_SEED / RTL_CYCLES set the random scenario's seed and length.
# With TLM_REPLAY (tests/tlm/txn_replay_tlm) set, each stimulus is also
# replayed through the SystemC wrapper (LT b_transport: wait() to each issue
# cycle, then through a quantum keeper of TLM_QUANTUM cycles) and its log must
# equal the RTL's (the core's in `pipeline`); a perturbed latency must be caught.
# A scenario that resets the slave mid-run also leaves one log pair per epoch
# before the reset (<sc>.e<k>.*): each is replayed on a fresh core and compared
# up to the reset cycle (the `end` line); what the core would have done later
# (terminations of the dropped tenures, later pin changes) is cut off.
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
  rm -f "$logs/$sc".e[0-9]*.*
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
  epochs_ok=yes
  for st in "$logs/$sc".e[0-9]*.stim; do
    [ -e "$st" ] || continue
    ep=${st%.stim}
    end=$(awk '$1 == "end" { print $2 }' "$st")
    if ! "$replay" --bus-order "$st" |
      awk -v r="$end" '($1 == "pin" && $2 > r) || ($1 == "txn" && $NF > r) { next } { print }' \
        > "$ep.ref.log" ||
      ! bash "$here/txn_compare.sh" "$ep.rtl.log" "$ep.ref.log"; then
      echo "FAIL $sc: RTL bus log before the reset at cycle $end differs from the core's" >&2
      epochs_ok=no
    else
      echo "ok   $sc: before the reset at cycle $end: $(grep -c '^txn' "$ep.rtl.log") accesses, $(grep -c '^pin' "$ep.rtl.log") pin changes match the core ($(grep -c '^txn' "$ep.ref.log" | awk -v n="$(grep -cE '^(rd|wr|bad) ' "$st")" '{ print n - $1 }') dropped)"
    fi
  done
  if [ $epochs_ok = no ]; then
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
