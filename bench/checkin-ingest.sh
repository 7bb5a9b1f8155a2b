#!/usr/bin/env bash
# goal-service check-in ingest: POST /checkins through HTTP (JWT + the habit remembered + validation + one statement
# writing the check-in and its outbox row) with wrk, against pgbench writing the same rows straight into the
# same PostgreSQL on the same machine, in the same run: as a two-statement transaction, and as the service's
# own one statement. Reports both and the ratio, and the service's RSS under load.
# Starts its own stack (launcher, ports shifted by OFFSET, throw-away state) and stops it at the end; GOALCOACH_NICE=false
# starts coach-service at the launcher's priority too (an A/B of docs/decisions/0023).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk"; exit 1; }
command -v pgbench >/dev/null || { echo "needs pgbench: apt-get install -y postgresql-contrib (or postgresql)"; exit 1; }

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-90}
CONNECTIONS=${CONNECTIONS:-16}
HABITS=${HABITS:-40}
OFFSET=${OFFSET:-21000}
MEMBERS=http://127.0.0.1:$((8081 + OFFSET))
GOALS=http://127.0.0.1:$((8082 + OFFSET))

source bench/stack.sh

EMAIL="bench-$RANDOM@example.org"
curl -sf -X POST $MEMBERS/auth/register -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"Correct-horse-9\",\"displayName\":\"Bench\",\"timezone\":\"UTC\"}" >/dev/null
TOKEN=$(curl -sf -X POST $MEMBERS/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"Correct-horse-9\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

# one goal with HABITS measurable daily habits (goal-service learns of the member from the broker: retry briefly)
HABIT_JSON=$(python3 -c "import json;print(json.dumps([{'title':'h%d'%i,'schedule':{'type':'DAILY'},'target':{'value':1}} for i in range($HABITS)][:20]))")
IDS=""
for g in $(seq 1 $(( (HABITS + 19) / 20 ))); do
  for _ in $(seq 1 50); do
    OUT=$(curl -s -X POST $GOALS/goals -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"title\":\"Bench $g\",\"theme\":\"OTHER\",\"habits\":$HABIT_JSON}")
    echo "$OUT" | grep -q '"habits"' && break; sleep 0.2
  done
  IDS="$IDS $(echo "$OUT" | python3 -c 'import sys,json;print(" ".join(h["id"] for h in json.load(sys.stdin)["habits"]))')"
done
LUA_IDS=$(for id in $IDS; do printf '"%s",' "$id"; done)
cat > "$HOME_DIR/checkin.lua" <<LUA
local habits = {${LUA_IDS%,}}
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"habitId":"%s","value":%d}', habits[(counter % #habits) + 1], counter)
  return wrk.format("POST", "/checkins", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer $TOKEN"}, body)
end
LUA

PID=$(pgrep -f "goal-service/target/quarkus-app/quarkus-run.jar" | head -1)
echo "== warm-up ${WARMUP}s (the JIT compiles the hot path)"; wrk -t2 -c$CONNECTIONS -d${WARMUP}s -s "$HOME_DIR/checkin.lua" "$GOALS" >/dev/null
echo "== POST /checkins through HTTP, ${DURATION}s, $CONNECTIONS connections, $(echo $IDS | wc -w) habits"
wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -s "$HOME_DIR/checkin.lua" "$GOALS" | tee "$HOME_DIR/wrk.txt" \
  | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "== goal-service RSS after the load: $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$PID/status)"
# what the consumers left for after the load (coach-service runs at a lower priority: deploy/topology.json's nice) is
# done before pgbench, on the cores pgbench would otherwise share with it
echo "== the pipeline drains what the load left"; quiet

# the same row shape, straight into the same server: upsert the check-in and write its outbox row, one transaction
export PGPASSWORD=postgres
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "drop database if exists bench_raw" -c "create database bench_raw"
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench_raw \
  -f platform/service-kit/src/main/resources/db/kit/V0_1__outbox_and_inbox.sql \
  -f goal-service/src/main/resources/db/migration/V1__goals_habits_checkins.sql
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench_raw -c "
  insert into goals values ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'g', null, 'OTHER', null, null,
    null, 'ACTIVE', 'MANUAL', null, 1, now(), now());
  insert into habits (id, goal_id, member_id, position, title, schedule_type, start_date, target_value, active, created_at)
    select ('00000000-0000-0000-0001-' || lpad(i::text, 12, '0'))::uuid, '00000000-0000-0000-0000-000000000001',
      gen_random_uuid(), i, 'h', 'DAILY', current_date, 1, true, now() from generate_series(1, $HABITS) i;"
cat > "$HOME_DIR/raw.sql" <<SQL
\set h random(1, $HABITS)
\set v random(1, 100000000)
begin;
insert into checkins (id, member_id, goal_id, habit_id, local_date, status, value, note, revision, created_at, updated_at)
  values (gen_random_uuid(), '00000000-0000-0000-0000-0000000000aa', '00000000-0000-0000-0000-000000000001',
    ('00000000-0000-0000-0001-' || lpad(:h::text, 12, '0'))::uuid, current_date, 'DONE', :v, null, 1, now(), now())
  on conflict (habit_id, local_date) do update set status = excluded.status, value = excluded.value,
    note = excluded.note, revision = checkins.revision + 1, updated_at = excluded.updated_at
  where (checkins.status, checkins.value, checkins.note) is distinct from (excluded.status, excluded.value, excluded.note)
  returning id, revision, (xmax = 0);
insert into outbox (event_id, topic, record_key, event_type, subject, event_time, data)
  values (gen_random_uuid(), 'goalcoach.checkins', 'k', 'dev.goalcoach.checkin.updated.v1', 'k', now(),
    '{"checkinId":"00000000-0000-0000-0000-000000000000","value":' || :v || ',"status":"DONE","localDate":"2026-11-25"}');
commit;
SQL
# and the very statement the service sends: check-in and outbox row written by one statement, no BEGIN/COMMIT
cat > "$HOME_DIR/raw-one-statement.sql" <<SQL
\set h random(1, $HABITS)
\set v random(1, 100000000)
with up as (
  insert into checkins (id, member_id, goal_id, habit_id, local_date, status, value, note, revision, created_at, updated_at)
  values (gen_random_uuid(), '00000000-0000-0000-0000-0000000000aa', '00000000-0000-0000-0000-000000000001',
    ('00000000-0000-0000-0001-' || lpad(:h::text, 12, '0'))::uuid, current_date, 'DONE', :v, null, 1, now(), now())
  on conflict (habit_id, local_date) do update set status = excluded.status, value = excluded.value,
    note = excluded.note, revision = checkins.revision + 1, updated_at = excluded.updated_at
  where (checkins.status, checkins.value, checkins.note) is distinct from (excluded.status, excluded.value, excluded.note)
  returning id, revision, created_at, updated_at, (xmax = 0) as inserted),
event as (insert into outbox (event_id, topic, record_key, event_type, subject, event_time, data)
  select gen_random_uuid(), 'goalcoach.checkins', 'k', case when up.inserted then 'logged' else 'updated' end, 'k',
    up.updated_at, ('{"value":' || :v || ',"status":"DONE","localDate":"2026-11-25"}')::jsonb
    || jsonb_build_object('checkinId', up.id, 'revision', up.revision) from up)
select id, revision, created_at, updated_at, inserted from up;
SQL
echo "== pgbench, the two statements in one transaction, ${DURATION}s, $CONNECTIONS clients"
pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c $CONNECTIONS -j 2 -T $DURATION -f "$HOME_DIR/raw.sql" bench_raw \
  | tee "$HOME_DIR/pgbench.txt" | grep -E "^tps|latency average"
echo "== pgbench, the service's one statement, ${DURATION}s, $CONNECTIONS clients"
pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c $CONNECTIONS -j 2 -T $DURATION -M prepared \
  -f "$HOME_DIR/raw-one-statement.sql" bench_raw | tee "$HOME_DIR/pgbench-one.txt" | grep -E "^tps|latency average"
HTTP=$(sed -n 's/Requests\/sec: *\([0-9.]*\)/\1/p' "$HOME_DIR/wrk.txt")
RAW=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$HOME_DIR/pgbench.txt")
ONE=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$HOME_DIR/pgbench-one.txt")
echo "== ratio HTTP / raw transaction: $(python3 -c "print(round($HTTP / $RAW, 2))")  (goal: >= 0.4)"
echo "== ratio HTTP / raw one statement: $(python3 -c "print(round($HTTP / $ONE, 2))")"
