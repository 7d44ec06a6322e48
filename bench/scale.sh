#!/usr/bin/env bash
# Scale: a dry run of 100 000 concurrent conversations (one agent each) against one of 2 000, both
# of the same length (EVENTS, default 2 080 000: about 230 MB) and time span, whole process, under
# a 256 MB heap. Prints each run's events/s and peak RSS, then the medians and their ratio (the
# goal: 100 000 conversations at 60 % or more of the speed of 2 000).
# Usage: bench/scale.sh [EVENTS (default 2080000)] [RUNS (default 3)]
# GCTYPING_JAVA_OPTS replaces -Xmx256m; GCTYPING_JAR runs another build (e.g. an older one) instead.
# Needs GNU time (/usr/bin/time) for the peak RSS: `apt-get install time` if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-2080000}
runs=${2:-3}
[[ -x /usr/bin/time ]] || { echo "bench/scale.sh: /usr/bin/time is missing: apt-get install time" >&2; exit 1; }
jar=${GCTYPING_JAR:-target/gctyping.jar}
[[ -f $jar ]] || mvn -q -DskipTests package
for conversations in 2000 100000; do
  trace=target/scale-${conversations}-${events}.ndjson
  [[ -f $trace ]] || bench/trace.sh "$events" "$conversations" > "$trace"
done
# interleaved, so that a machine that slows down for a while slows both alike
for ((i = 1; i <= runs; i++)); do
  for conversations in 2000 100000; do
    # shellcheck disable=SC2086 # GCTYPING_JAVA_OPTS is split into words on purpose
    out=$( { /usr/bin/time -f '%x %e %M' java ${GCTYPING_JAVA_OPTS:--Xmx256m} -jar "$jar" replay --dry-run \
      "target/scale-${conversations}-${events}.ndjson" >/dev/null; } 2>&1 | tail -1 || true)
    read -r status secs rss <<<"$out"
    echo "$conversations $status $secs $rss"
  done
done | awk -v n="$events" '
  $2 != 0 { printf "%6d conversations: failed (exit %d) after %.2f s, peak RSS %d MB\n", $1, $2, $3, $4 / 1024; next }
  { printf "%6d conversations: %6.2f s wall, %.2f M events/s, peak RSS %d MB\n", $1, $3, n / $3 / 1e6, $4 / 1024
    s[$1] = s[$1] " " $3; r[$1] = r[$1] > $4 ? r[$1] : $4 }
  END { if (s[2000] == "" || s[100000] == "") exit 1
    small = median(s[2000]); large = median(s[100000])
    printf "median: 2000 conversations %.2f M events/s, 100000 conversations %.2f M events/s (%.0f %%), peak RSS at 100000 %d MB\n",
      n / small / 1e6, n / large / 1e6, 100 * small / large, r[100000] / 1024 }
  function median(list,   a, k, i, j, t) { k = split(substr(list, 2), a, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return a[int((k + 1) / 2)] }'
