#!/usr/bin/env bash
# Whole-process replay speed: JVM start included, as a CI loop or a user sees it.
# Usage: bench/whole-process.sh [EVENTS (default 1000000)] [RUNS (default 5)]
# Generates a synthetic trace (2000 concurrent conversations, ~115 bytes a line) once, then
# prints wall time, events/s and peak RSS for each run of `replay --dry-run`, and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
runs=${2:-5}
trace=target/bench-${events}.ndjson
[[ -f target/gctyping.jar ]] || mvn -q -DskipTests package
[[ -f $trace ]] || bench/trace.sh "$events" 2000 1500 > "$trace"
echo "trace: $trace ($(du -h "$trace" | cut -f1), $events events)" >&2
times=()
for ((i = 1; i <= runs; i++)); do
  out=$( { /usr/bin/time -f '%e %M' java ${GCTYPING_JAVA_OPTS:-} -jar target/gctyping.jar replay --dry-run "$trace" >/dev/null; } 2>&1 | tail -1)
  read -r secs rss <<<"$out"
  times+=("$secs")
  awk -v s="$secs" -v r="$rss" -v n="$events" 'BEGIN { printf "run: %.2f s wall, %.2f M events/s, peak RSS %d MB\n", s, n / s / 1e6, r / 1024 }'
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
awk -v s="$median" -v n="$events" 'BEGIN { printf "median: %.2f s wall, %.2f M events/s\n", s, n / s / 1e6 }'
