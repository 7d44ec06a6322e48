#!/usr/bin/env bash
# What --report costs on a big trace: whole-process `replay --dry-run` with and without it, interleaved.
# Usage: bench/report.sh [COPIES (default 200)] [RUNS (default 3)]
# The trace is samples/concurrent-50.ndjson repeated COPIES times under other conversation ids
# (200 copies: 10,000 conversations, 811,400 events). Prints wall time and peak RSS per run, and the
# report's size (raw and gzipped).
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-200}
runs=${2:-3}
trace=target/bench-report-${copies}.ndjson
report=target/bench-report-${copies}.html
[[ -f target/gctyping.jar ]] || mvn -q -DskipTests package
if [[ ! -f $trace ]]; then
  awk -v n="$copies" 'NF { for (r = 0; r < n; r++) { line = $0; sub(/"conv-busy-/, sprintf("\"conv-r%03d-busy-", r), line); print line } }' \
    samples/concurrent-50.ndjson > "$trace"
fi
echo "trace: $trace ($(du -h "$trace" | cut -f1), $(wc -l < "$trace") events, $((copies * 50)) conversations)" >&2
run() {
  /usr/bin/time -o target/bench-report.time -f '%e %M' \
    java ${GCTYPING_JAVA_OPTS:-} -jar target/gctyping.jar replay --dry-run --quiet "$@" "$trace" >/dev/null 2>&1
  cat target/bench-report.time
}
for ((i = 1; i <= runs; i++)); do
  read -r plain plainRss <<<"$(run)"
  read -r with withRss <<<"$(run --report "$report")"
  awk -v a="$plain" -v b="$with" -v ra="$plainRss" -v rb="$withRss" \
    'BEGIN { printf "run: without %.2f s (peak RSS %d MB), with --report %.2f s (peak RSS %d MB)\n", a, ra / 1024, b, rb / 1024 }'
done
echo "report: $(wc -c < "$report") bytes, $(gzip -c "$report" | wc -c) gzipped"
