#!/usr/bin/env bash
# The floor under a whole-process replay: a picocli command that only counts the trace's lines
# (bench/floor/LineCount.java), timed like bench/whole-process.sh on the same generated trace,
# next to `gctyping replay --dry-run` itself (plain `java -jar`, then the target/gctyping launcher).
# Usage: bench/floor.sh [EVENTS (default 1000000)] [RUNS (default 9)]
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
runs=${2:-9}
trace=target/bench-${events}.ndjson
[[ -f $trace ]] || bench/whole-process.sh "$events" 1 >/dev/null
[[ -f target/gctyping.jar ]] || mvn -q -DskipTests package
picocli=$(find ~/.m2/repository/info/picocli/picocli -name 'picocli-*.jar' | sort | tail -1)
mkdir -p target/floor
javac -d target/floor -cp "$picocli" bench/floor/LineCount.java
command() {
  case $1 in
    floor) echo java -cp "target/floor:$picocli" LineCount --dry-run "$trace" ;;
    jar) echo java -jar target/gctyping.jar replay --dry-run "$trace" ;;
    launcher) echo target/gctyping replay --dry-run "$trace" ;;
  esac
}
# interleaved, so that a machine that slows down for a while slows all three alike
for ((i = 0; i < runs; i++)); do
  for name in floor jar launcher; do
    # shellcheck disable=SC2046 # the command's words
    { /usr/bin/time -f "$name %e" $(command "$name") >/dev/null; } 2>&1 | tail -1
  done
done | sort -k1,1 -k2,2n | awk -v e="$events" '
  $1 != name { if (name != "") report(); name = $1; n = 0 } { s[++n] = $2 } END { report() }
  function report() { m = s[int((n + 1) / 2)]
    printf "%-9s median %.2f s wall (min %.2f, max %.2f), %.2f M events/s\n", name, m, s[1], s[n], e / m / 1e6 }'
