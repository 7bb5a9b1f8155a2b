#!/usr/bin/env bash
# The cost of a check-in per stage (issue 20): the whole local stack (bench/stack.sh), check-ins through the real
# pipeline at each of RATES per second (bench/Freshness.java drives them), and per stage the CPU time from the
# first check-in until the pipeline drained, per check-in stored, with the freshness of a sample
# (bench/PipelineCost.java). WORKLOAD a: one member x 20 daily habits, ROUNDS rounds over the last 8 days (past the
# eighth, corrections); b: 1,000 members x 3 daily habits, ROUNDS (4: 12,000 check-ins). Bounded: loopback only, the
# check-ins of the rounds and a warm-up of WARMUP_ROUNDS (8) rounds at WARMUP_RATE/s (100) first: of 20 members x 20
# habits, or with WARMUP=workload of the measured workload's shape (an unmeasured rate of it; its DAYS), which the
# JIT needs to have seen (bench/README.md, "A longer warm-up"); the warm-up is probed like the rates (SAMPLE), so
# that analytics-service's read path is compiled before the first of them ("The first rate's freshness tail"). DAYS
# (8): the rounds go over today and the days before it (goal-service takes 7 back), past them correcting; DAYS=1:
# today's check-ins, later rounds correcting them.
# STATEMENTS=N: the N statements that took the most time in each of STATEMENT_DBS (pg_stat_statements, the warm-up
# included; default the warehouse, e.g. STATEMENT_DBS="goalcoach_warehouse goalcoach_goals").
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${OFFSET:-26000}
WORKLOAD=${WORKLOAD:-b}
RATES=${RATES:-100,200}
ROUNDS=${ROUNDS:-$([ "$WORKLOAD" = a ] && echo 400 || echo 4)}
# every SAMPLE-th habit probed, at each of its check-ins: in a, the first (5 probes a hundred check-ins, 400 a rate);
# in b, 38 of 3,000 (1.27 a hundred, 152 a rate of 4 rounds); the warm-up's every WARMUP_SAMPLE-th (20 x 8)
SAMPLE=${SAMPLE:-$([ "$WORKLOAD" = a ] && echo 100 || echo 80)}
WARMUP_SAMPLE=${WARMUP_SAMPLE:-20}
POLL_MS=${POLL_MS:-100}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-64}
DAYS=${DAYS:-8}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-8}
WARMUP_RATE=${WARMUP_RATE:-100}
WARMUP=${WARMUP:-small}

STATEMENTS=${STATEMENTS:-0}
STATEMENT_DBS=${STATEMENT_DBS:-goalcoach_warehouse}
if [ "$STATEMENTS" -gt 0 ]; then
  export GOALCOACH_EMBEDDED_PG_SETTINGS=shared_preload_libraries=pg_stat_statements,pg_stat_statements.track_planning=on
fi
source bench/stack.sh
database() { local db=$1; shift; PGPASSWORD=postgres psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" "$@"; }
if [ "$STATEMENTS" -gt 0 ]; then
  for db in $STATEMENT_DBS; do database "$db" -c "create extension if not exists pg_stat_statements" > /dev/null; done
  database postgres -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" > /dev/null
fi
CLASSES=$(mktemp -d)
javac -d "$CLASSES" -cp "deploy/local/target/lib/*" bench/Freshness.java bench/PipelineCost.java
java -cp "$CLASSES:deploy/local/target/lib/*" PipelineCost "$LAUNCHER" "$HOME_DIR" "$PG_PORT" "$(getconf CLK_TCK)" \
  "http://127.0.0.1:$((8081 + OFFSET))" "http://127.0.0.1:$((8082 + OFFSET))" "http://127.0.0.1:$((8085 + OFFSET))" \
  "http://127.0.0.1:$((8086 + OFFSET))" "$WORKLOAD" "$RATES" "$ROUNDS" "$SAMPLE" "$POLL_MS" "$MAX_IN_FLIGHT" "$DAYS" \
  "$WARMUP_ROUNDS" "$WARMUP_RATE" "$WARMUP" "$WARMUP_SAMPLE"
rm -rf "$CLASSES"
if [ "$STATEMENTS" -gt 0 ]; then
  for db in $STATEMENT_DBS; do
    echo "== $db: the statements by time (executing + planning), all rates and the warm-up"
    database postgres -P pager=off -c "select r.rolname as who, s.calls, round(s.total_exec_time) as exec_ms,
      s.plans, round(s.total_plan_time) as plan_ms, round(cast((s.total_exec_time + s.total_plan_time) / nullif(s.calls, 0) as numeric), 2)
      as ms_each, s.rows, left(regexp_replace(s.query, '\s+', ' ', 'g'), 100) as statement
      from pg_stat_statements s join pg_roles r on r.oid = s.userid
      where s.dbid = (select oid from pg_database where datname = '$db')
      order by s.total_exec_time + s.total_plan_time desc limit $STATEMENTS"
  done
fi
