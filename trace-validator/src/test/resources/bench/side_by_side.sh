#!/usr/bin/env bash
# The validator benchmark of docs/validate.md ("Performance"): both engines on the same traces.
#   trace-validator/src/test/resources/bench/side_by_side.sh OUTDIR [TLC_TIMEOUT_S] [SIZES...]
# Run from the repository root after `mvn -q -o -pl trace-validator,cli -am package -DskipTests`.
# Writes OUTDIR/results.txt. Traces: Paxos from gen_paxos_trace.py; Multi-Paxos from a simulator
# trace (seed 1, fault plan all) extended by extend_trace.py. Fast engine: ValidateBench, -Xmx512m,
# one JVM per run, 3 runs per row (median taken by the reader), invariants on and off; a warm row
# (the same trace three times in one JVM). Rejection: the longest trace with its last event broken.
# TLC: `tlaconform validate --engine tlc` once per size, stopped after TLC_TIMEOUT_S (default 900).
set -uo pipefail
OUT=${1:?OUTDIR}; TLC_TIMEOUT=${2:-900}; shift 2 || shift $#
SIZES=${*:-1000 10000 100000 1000000}
mkdir -p "$OUT"; R="$OUT/results.txt"; : > "$R"
BENCH=trace-validator/src/test/resources/bench
CP="cli/target/lib/*"
log() { echo "$*" | tee -a "$R"; }
fast() { # label spec trace... (extra JVM options in $JOPT)
  local label=$1 spec=$2; shift 2
  log "-- fast $label: $(uptime | sed 's/.*load/load/')"
  java -Xmx512m -XX:+UseParallelGC ${JOPT:-} -cp "$CP" dev.tlaconform.validate.ValidateBench "$spec" "$@" 2>&1 \
    | sed -E 's/; actions \{[^}]*\}(; never seen \[[^]]*\])?//' | tee -a "$R"
}
log "== $(date -u) $(nproc) cores; $(uptime)"
log "== traces"
for n in $SIZES; do
  [ -f "$OUT/paxos$n.ndjson" ] || python3 $BENCH/gen_paxos_trace.py "$n" "$OUT/paxos$n.ndjson" | tee -a "$R"
done
[ -f "$OUT/mp-sim.ndjson" ] || java -XX:+UseParallelGC -jar cli/target/tlaconform.jar simulate --protocol multipaxos \
    --seed 1 --faults all --out "$OUT/mp-sim.ndjson" | cut -c1-160 | tee -a "$R"
for n in $SIZES; do
  [ -f "$OUT/mp$n.ndjson" ] || python3 $BENCH/extend_trace.py "$OUT/mp-sim.ndjson" "$n" "$OUT/mp$n.ndjson" | tee -a "$R"
done
last=${SIZES##* }
python3 - "$OUT/paxos$last.ndjson" "$OUT/paxos$last-broken-last.ndjson" <<'PY' | tee -a "$R"
import sys, json
src, dst = sys.argv[1], sys.argv[2]
lines = open(src).read().splitlines()
e = json.loads(lines[-2]); e["state"]["maxBal"] += 1          # the last event logs a wrong ballot
lines[-2] = json.dumps(e, separators=(",", ":"))
open(dst, "w").write("\n".join(lines) + "\n")
print("broken at line", len(lines) - 1, "of", dst)
PY
for proto in paxos mp; do
  spec=specs/paxos; [ $proto = mp ] && spec=specs/multipaxos
  for n in $SIZES; do
    for run in 1 2 3; do JOPT= fast "$proto $n invariants run $run" $spec "$OUT/$proto$n.ndjson"; done
    for run in 1 2 3; do JOPT=-DnoInvariants=true fast "$proto $n no-invariants run $run" $spec "$OUT/$proto$n.ndjson"; done
  done
  JOPT= fast "$proto warm (${SIZES%% *}, then 100000 x3)" $spec "$OUT/$proto${SIZES%% *}.ndjson" \
    "$OUT/${proto}100000.ndjson" "$OUT/${proto}100000.ndjson" "$OUT/${proto}100000.ndjson"
done
for run in 1 2 3; do JOPT= fast "paxos $last broken at the last event, run $run" specs/paxos "$OUT/paxos$last-broken-last.ndjson"; done
for n in $SIZES; do
  log "-- tlc paxos $n: $(uptime | sed 's/.*load/load/')"
  /usr/bin/time -f "wall %e s, max RSS %M KB" timeout "$TLC_TIMEOUT" nice -n 10 java -XX:+UseParallelGC -jar cli/target/tlaconform.jar \
    validate --engine tlc --tlc-heap 6g --spec specs/paxos "$OUT/paxos$n.ndjson" 2>&1 \
    | sed -E 's/; actions \{[^}]*\}(; never seen \[[^]]*\])?//' | cut -c1-400 | tee -a "$R"
done
log "== done $(date -u); $(uptime)"
