#!/usr/bin/env bash
# analytics-service: the day rollover of 10,000 members x 3 habits x 90 days (bench/analytics-history.sql) in the
# test kit's PostgreSQL: everyone recomputed as of yesterday (the full refresh), then stepped to today (what the
# rollover does at midnight), three times; one member's refresh (40 members, the last 30 counted); then everyone
# recomputed as of today and compared with what the step wrote, table by table. Runs analytics-service's
# MetricsBench (not part of the build's tests).
# GOALCOACH_TEST_PG_URL points it at a server of your own (it creates the database bench_rollover there);
# without it the test kit starts an embedded PostgreSQL. MEMBERS (10,000) and RUNS (3) change the size and count.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl analytics-service -am
./mvnw -B -pl analytics-service verify -Dtest=MetricsBench -Dsurefire.failIfNoSpecifiedTests=false -DargLine= \
  -Dbench.members="${MEMBERS:-10000}" -Dbench.runs="${RUNS:-3}" | grep -E "history:|run [0-9]|one member|full refresh|agree|Tests run|FAIL"
