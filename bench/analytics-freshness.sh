#!/usr/bin/env bash
# analytics-service freshness: check-ins posted to goal-service at RATE/s through the real pipeline (outbox, Kafka,
# sync-service, warehouse, batch notice, recomputation) and, for those of every SAMPLE-th habit, the time from their
# 201 to their effect in GET /dashboard/analytics/{member} (bench/Freshness.java). Starts its own stack (launcher, ports
# shifted by OFFSET, throw-away state) and stops it at the end. MAX_IN_FLIGHT (64; 0: no limit) bounds the
# check-ins in flight as a gateway's connection pool would; the rest wait their turn in the client. WARMUP_MEMBERS
# (20; 0: none) other members' check-ins go through first at the same rate, unmeasured: the stack warmed up.
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${OFFSET:-24000}
MEMBERS_N=${MEMBERS_N:-40}
HABITS=${HABITS:-40}
RATE=${RATE:-200}
SAMPLE=${SAMPLE:-20}
POLL_MS=${POLL_MS:-100}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-64}
WARMUP_MEMBERS=${WARMUP_MEMBERS:-20}

source bench/stack.sh
java -cp "deploy/local/target/lib/*" bench/Freshness.java \
  "http://127.0.0.1:$((8081 + OFFSET))" "http://127.0.0.1:$((8082 + OFFSET))" "http://127.0.0.1:$((8085 + OFFSET))" \
  "$MEMBERS_N" "$HABITS" "$RATE" "$SAMPLE" "$POLL_MS" "$MAX_IN_FLIGHT" "$WARMUP_MEMBERS"
curl -s "http://127.0.0.1:$((8085 + OFFSET))/q/metrics" \
  | grep -E '^goalcoach_analytics_refresh_seconds\{.*scope="members".*quantile' || true
curl -s "http://127.0.0.1:$((8086 + OFFSET))/q/metrics" | grep -E '^goalcoach_sync_end_to_end_seconds\{.*quantile' || true
