#!/usr/bin/env bash
# Over the wire against the dry run, whole process, in one run (issue 11's table):
# - `replay --speed max` over the embedded simulator, both dialects, against `replay --dry-run` of
#   the same trace: samples/concurrent-50.ndjson and a generated 200-conversation trace;
# - `smoke` against `--version`;
# - engine-to-guest latency percentiles at a paced load (about 2 000 payloads/s in the seed dialect);
# - with SCALE=1, peak RSS at 100 000 conversations (bench/scale.sh, one run).
# Runs are interleaved, so a machine that slows down for a while slows every command alike; the
# table gives medians of wall and CPU (user + sys) time and each ratio to its baseline.
# Usage: bench/wire.sh [RUNS (default 3)]
# GCTYPING runs another launcher or build (default target/gctyping, as users run it).
# Needs GNU time (/usr/bin/time): `apt-get install time` if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
gctyping=${GCTYPING:-target/gctyping}
[[ -x /usr/bin/time ]] || { echo "bench/wire.sh: /usr/bin/time is missing: apt-get install time" >&2; exit 1; }
[[ -x $gctyping ]] || mvn -B -q -DskipTests package
trace200=target/bench-200-conversations.ndjson
[[ -f $trace200 ]] || bench/trace.sh 20461 200 > "$trace200"
# paced: 200 agents each typing a key every 100 ms for 10 s (20 000 events, 2 000 a second), a
# message now and then; replayed at --speed 1 with a 100 ms dedup window, every keystroke is a
# payload in the seed dialect (about 2 000 payloads/s), and agent-api's plan keeps to its budget
paced=target/bench-paced.ndjson
[[ -f $paced ]] || awk 'BEGIN { srand(3); t0 = 1764000000000
  for (i = 0; i < 20000; i++) { c = i % 200; t = t0 + int(i / 200) * 100 + int(c / 2)
    printf "{\"ts\": %.0f, \"conversationId\": \"conv-%04d\", \"agentId\": \"agent-%04d\", \"event\": \"%s\"}\n", t, c, c, rand() < 0.001 ? "send" : "keystroke" } }' > "$paced"

results=$(mktemp)
timing=$(mktemp)
trap 'rm -f "$results" "$timing"' EXIT
measure() { # NAME COMMAND...: appends "NAME wall cpu exit" to the results
  local name=$1
  shift
  /usr/bin/time -o "$timing" -f '%e %U %S %x' "$@" >/dev/null 2>&1 || true
  read -r wall user sys status < <(tail -1 "$timing")
  echo "$name $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $status" >> "$results"
}
for ((i = 1; i <= runs; i++)); do
  echo "run $i of $runs" >&2
  for trace in samples/concurrent-50.ndjson "$trace200"; do
    name=$(basename "$trace" .ndjson)
    measure "$name:dry-run" "$gctyping" replay --quiet --dry-run "$trace"
    measure "$name:agent-api" "$gctyping" replay --quiet --speed max "$trace"
    measure "$name:seed" "$gctyping" replay --quiet --dialect seed --speed max "$trace"
  done
  measure "version" "$gctyping" --version
  measure "smoke" "$gctyping" smoke --quiet
done

awk '
  $4 != 0 { failed[$1] = failed[$1] " " $4 }
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END {
    printf "%-38s %10s %10s %14s\n", "command (median)", "wall s", "cpu s", "wall vs base"
    for (k = 1; k <= n; k++) { name = order[k]; base = name
      if (name ~ /:(agent-api|seed)$/) { base = name; sub(/:.*/, ":dry-run", base) }
      if (name == "smoke") base = "version"
      w = median(wall[name]); c = median(cpu[name])
      ratio = base == name ? "" : sprintf("%.1fx", w / median(wall[base]))
      printf "%-38s %10.2f %10.2f %14s%s\n", name, w, c, ratio, failed[name] == "" ? "" : "  FAILED (exit" failed[name] ")" }
  }
  function median(list,   a, k, i, j, t) { k = split(substr(list, 2), a, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return a[int((k + 1) / 2)] }' "$results"

echo "latency at a paced load ($(wc -l < "$paced") events over 10 s of trace time, --speed 1, --dedup-window 100ms):"
for dialect in seed agent-api; do
  { "$gctyping" replay --quiet --dialect "$dialect" --dedup-window 100ms "$paced" || echo "  $dialect: failed (exit $?)" >&2; } | tail -1 | awk -v d="$dialect" '{
    n = split($0, f, ","); for (i = 1; i <= n; i++) { split(f[i], kv, ":"); gsub(/[{}"]/, "", kv[1]); v[kv[1]] = kv[2] }
    printf "  %-9s payloads sent %s over %.1f s: p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (%s samples)\n", d,
      v["payloadsSent"], v["elapsedMs"] / 1000, v["latencyMsP50"], v["latencyMsP95"], v["latencyMsP99"], v["latencyMsMax"], v["latencySamples"] }'
done
if [[ ${SCALE:-0} == 1 ]]; then
  bench/scale.sh 2080000 1
fi
