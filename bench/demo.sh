#!/usr/bin/env bash
# ./run --demo on a fresh state directory (ports shifted by OFFSET, throw-away state): how long from the command to
# every seeded member's metrics visible in analytics-service (the demo's own measure: it polls
# GET /dashboard/analytics/{member} for all 40 until each shows its 30-day adherence), and what it seeded. RUNS
# times, each from nothing. The suite must be built (./mvnw package -DskipTests, or ./run once).
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${OFFSET:-26000}
RUNS=${RUNS:-1}

for run in $(seq 1 "$RUNS"); do
  home=$(mktemp -d /tmp/goalcoach-demo-bench.XXXXXX)
  log="$home/run.log"
  GOALCOACH_HOME="$home" GOALCOACH_PORT_OFFSET="$OFFSET" GOALCOACH_ADMIN_PASSWORD="Bench-root-pass-7" \
    java -cp "deploy/local/target/classes:deploy/local/target/lib/*" dev.goalcoach.local.Launcher --demo >"$log" 2>&1 &
  pid=$!
  start=$(date +%s.%N)
  up=""
  for _ in $(seq 1 3000); do
    if [ -z "$up" ] && grep -q "GoalCoach is up" "$log"; then up=$(date +%s.%N); fi
    grep -qE "demo ready\.|could not be seeded|could not start" "$log" && break
    sleep 0.2
  done
  echo "run $run:"
  [ -n "$up" ] && printf '  the suite up %.1f s after the command (this script'"'"'s clock, 0.2 s polls)\n' "$(echo "$up - $start" | bc)"
  grep -E "\[goalcoach\] (the demo holds|this run added|every member's metrics|the demo could not)" "$log" | sed 's/^/  /'
  kill -TERM "$pid"
  wait "$pid" || true
  rm -rf "$home"
done
