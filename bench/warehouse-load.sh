#!/usr/bin/env bash
# sync-service: events/s loaded into the local (PostgreSQL) warehouse, consumer lag while sustaining a stream,
# and Kafka-append-to-warehouse-commit latency. Starts its own stack (launcher, ports shifted by OFFSET,
# throw-away state), streams check-in events into goalcoach.checkins with bench/WarehouseLoad.java, samples
# sync-service's /q/metrics every second, stops the stack at the end.
#   phase 1: RATE events/s for DURATION s   -> kept up or not, lag (max, mean), p50/p99 append -> commit
#   phase 2: BACKLOG events as fast as the producer goes, then the time until the loader has caught up
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-20000}
DURATION=${DURATION:-60}
BACKLOG=${BACKLOG:-600000}
MEMBERS=${MEMBERS:-2000}
OFFSET=${OFFSET:-22000}
METRICS=http://127.0.0.1:$((8086 + OFFSET))/q/metrics

source bench/stack.sh
PID=$(pgrep -f "sync-service/target/quarkus-app/quarkus-run.jar" | head -1)

metric() { curl -s "$METRICS" | awk -v m="$1" '$1 == m {print $2}' | head -1; }
loaded() { metric goalcoach_sync_events_total; }
lag() { metric goalcoach_sync_consumer_lag; }
sample() { # seconds -> "max mean" of the consumer lag, one sample a second
  local max=0 sum=0 n=0 l
  for _ in $(seq 1 "$1"); do
    l=$(lag); l=${l%.*}; [ -z "$l" ] && l=0
    [ "$l" -gt "$max" ] && max=$l; sum=$((sum + l)); n=$((n + 1)); sleep 1
  done
  echo "$max $((sum / n))"
}
run_load() {
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "deploy/local/target/lib/*" bench/WarehouseLoad.java \
    "$BOOTSTRAP" "$@"
}

echo "== warm-up: 20 s at 5,000 events/s"
run_load 5000 20 "$MEMBERS" > /dev/null
sleep 3

echo "== phase 1: $RATE events/s for ${DURATION}s, $MEMBERS members"
BEFORE=$(loaded)
run_load "$RATE" "$DURATION" "$MEMBERS" > "$HOME_DIR/phase1.txt" &
GEN=$!
read -r LAGMAX LAGMEAN < <(sample "$DURATION")
wait $GEN; cat "$HOME_DIR/phase1.txt"; T1=$(date +%s.%N)
SENT=$(sed -n 's/^sent \([0-9]*\) .*/\1/p' "$HOME_DIR/phase1.txt")
for _ in $(seq 1 600); do
  [ "$(python3 -c "print(int($(loaded) - $BEFORE >= $SENT))")" = 1 ] && break
  sleep 0.1
done
T2=$(date +%s.%N)
echo "all $SENT in the warehouse $(python3 -c "print(round($T2 - $T1, 2))") s after the last was sent;" \
  "consumer lag while sustaining: max $LAGMAX, mean $LAGMEAN (sampled each second)"
curl -s "$METRICS" | grep -E '^goalcoach_sync_end_to_end_seconds\{.*quantile="0\.(5|99)"' \
  | sed 's/.*quantile="\([0-9.]*\)".* \([0-9.E-]*\)$/append -> commit p\1: \2 s/'
echo "sync-service RSS: $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$PID/status)"

echo "== phase 2: $BACKLOG events as fast as the producer goes, then until the loader has caught up"
BEFORE=$(loaded); T0=$(date +%s.%N)
run_load 0 600 "$MEMBERS" "$BACKLOG"
T1=$(date +%s.%N); AT_T1=$(loaded)
for _ in $(seq 1 1200); do
  [ "$(python3 -c "print(int($(loaded) - $BEFORE >= $BACKLOG))")" = 1 ] && break
  sleep 0.5
done
T2=$(date +%s.%N); AT_T2=$(loaded)
echo "all $BACKLOG loaded $(python3 -c "print(round($T2 - $T0, 1))") s after the first was sent:" \
  "$(python3 -c "print(round($BACKLOG / ($T2 - $T0)))") events/s with the producer running beside it"
echo "after the producer finished: $(python3 -c "print(round(($AT_T2 - $AT_T1) / ($T2 - $T1)))") events/s (the loader alone on the machine)"
echo "dead letters: $(metric goalcoach_sync_dead_letters_total)"
