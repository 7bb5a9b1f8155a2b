#!/usr/bin/env bash
# Issue 20, past one machine: the whole local stack with its topics at PARTITIONS partitions (2) and two replicas
# each of sync-service and analytics-service (the launcher's GOALCOACH_KAFKA_PARTITIONS and GOALCOACH_REPLICAS),
# MEMBERS (300) members x 3 daily habits logging a week of check-ins at RATE (150) per second, and what
# bench/Scaling.java checks: no check-in lost or loaded twice, every member's metrics complete on both analytics
# replicas, no read seeing a member's streak move back, each replica doing part of the work. Loopback only,
# bounded (MEMBERS x 21 check-ins). Run it with PARTITIONS=2 and PARTITIONS=4.
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${OFFSET:-27000}
PARTITIONS=${PARTITIONS:-2}
MEMBERS=${MEMBERS:-300}
RATE=${RATE:-150}
export GOALCOACH_KAFKA_PARTITIONS=$PARTITIONS
export GOALCOACH_REPLICAS=sync-service=2,analytics-service=2

source bench/stack.sh
CLASSES=$(mktemp -d)
javac -d "$CLASSES" -cp "deploy/local/target/lib/*" bench/Freshness.java bench/Scaling.java
java -cp "$CLASSES:deploy/local/target/lib/*" Scaling \
  "http://127.0.0.1:$((8081 + OFFSET))" "http://127.0.0.1:$((8082 + OFFSET))" \
  "http://127.0.0.1:$((8085 + OFFSET))" "http://127.0.0.1:$((8185 + OFFSET))" \
  "http://127.0.0.1:$((8086 + OFFSET))" "http://127.0.0.1:$((8186 + OFFSET))" \
  "$PG_PORT" "$MEMBERS" "$RATE" "$PARTITIONS"
rm -rf "$CLASSES"
