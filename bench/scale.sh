#!/usr/bin/env bash
# Scale: a dry run of 100 000 concurrent conversations (one agent each) against one of 2 000, both
# of the same length (EVENTS, default 2 080 000: about 230 MB) and time span, whole process, under
# a 256 MB heap. Prints each run's events/s and peak RSS, then the medians and their ratio (the
# goal: 100 000 conversations at 60 % or more of the speed of 2 000). CPU time (user + system) is
# steadier than wall time on a shared machine.
# Usage: bench/scale.sh [EVENTS (default 2080000)] [RUNS (default 3)]
# GCTYPING_JAVA_OPTS replaces -Xmx256m; GCTYPING_JAR runs another build (e.g. an older one) instead,
# or several, space-separated, interleaved run by run: GCTYPING_JAR="/tmp/old.jar target/gctyping.jar".
# Needs GNU time (/usr/bin/time) for the peak RSS: `apt-get install time` if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-2080000}
runs=${2:-3}
[[ -x /usr/bin/time ]] || { echo "bench/scale.sh: /usr/bin/time is missing: apt-get install time" >&2; exit 1; }
read -r -a jars <<<"${GCTYPING_JAR:-target/gctyping.jar}"
[[ -f ${jars[-1]} ]] || mvn -q -DskipTests package
for conversations in 2000 100000; do
  trace=target/scale-${conversations}-${events}.ndjson
  [[ -f $trace ]] || bench/trace.sh "$events" "$conversations" > "$trace"
done
# interleaved, so that a machine that slows down for a while slows both alike
for ((i = 1; i <= runs; i++)); do
  for jar in "${jars[@]}"; do
    for conversations in 2000 100000; do
      # shellcheck disable=SC2086 # GCTYPING_JAVA_OPTS is split into words on purpose
      out=$( { /usr/bin/time -f '%x %e %M %U %S' java ${GCTYPING_JAVA_OPTS:--Xmx256m} -jar "$jar" replay --dry-run \
        "target/scale-${conversations}-${events}.ndjson" >/dev/null; } 2>&1 | tail -1 || true)
      read -r status secs rss user system <<<"$out"
      echo "$jar $conversations $status $secs $rss $user $system"
    done
  done
done | awk -v n="$events" '
  $3 != 0 { printf "%s, %6d conversations: failed (exit %d) after %.2f s, peak RSS %d MB\n", $1, $2, $3, $4, $5 / 1024; next }
  { printf "%s, %6d conversations: %6.2f s wall, %.2f M events/s, %.2f s CPU, peak RSS %d MB\n", $1, $2, $4, n / $4 / 1e6, $6 + $7, $5 / 1024
    if (!($1 in seen)) { seen[$1] = 1; order[++jars] = $1 }
    s[$1, $2] = s[$1, $2] " " $4; r[$1] = r[$1] > $5 ? r[$1] : $5 }
  END { failed = 0
    for (j = 1; j <= jars; j++) { jar = order[j]
      if (s[jar, 2000] == "" || s[jar, 100000] == "") { failed = 1; continue }
      small = median(s[jar, 2000]); large = median(s[jar, 100000])
      printf "median, %s: 2000 conversations %.2f M events/s, 100000 conversations %.2f M events/s (%.0f %%), peak RSS at 100000 %d MB\n",
        jar, n / small / 1e6, n / large / 1e6, 100 * small / large, r[jar] / 1024 }
    exit failed }
  function median(list,   a, k, i, j, t) { k = split(substr(list, 2), a, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return a[int((k + 1) / 2)] }'
