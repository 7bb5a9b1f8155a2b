#!/usr/bin/env bash
# analytics-service: a full refresh of 10,000 members x 3 habits x 90 days of history (bench/analytics-history.sql)
# in the local warehouse, and the incremental refresh of one member, through its admin endpoint and its
# goalcoach_analytics_refresh timer; then GET /analytics/mentors/{id}/roster for a mentor of 50 of them with wrk.
# Starts its own stack (launcher, ports shifted by OFFSET, throw-away state) and stops it at the end. Needs psql
# and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v psql >/dev/null || { echo "needs psql: apt-get install -y postgresql-client"; exit 1; }

OFFSET=${OFFSET:-23000}
SAMPLES=${SAMPLES:-200}
HISTORY=${HISTORY:-10000}  # members generated (the roster needs 50 of them)
MEMBERS=http://127.0.0.1:$((8081 + OFFSET))
ANALYTICS=http://127.0.0.1:$((8085 + OFFSET))

# the rollover would see the generated members (never computed) as due and recompute them beside the measured
# refreshes: off here, so the figures are the refreshes' own
export GOALCOACH_ANALYTICS_ROLLOVER_EVERY=off
source bench/stack.sh
TOKEN=$(curl -sf -X POST $MEMBERS/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@goalcoach.local\",\"password\":\"$(cat "$HOME_DIR/admin-password")\"}" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

echo "== generating the history"
START=$(date +%s.%N)
PGPASSWORD=postgres psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d goalcoach_warehouse -v members="$HISTORY" \
  -f bench/analytics-history.sql
echo "generated in $(python3 -c "print(round($(date +%s.%N) - $START, 1))") s: $(PGPASSWORD=postgres psql -tA -h 127.0.0.1 \
  -p "$PG_PORT" -U postgres -d goalcoach_warehouse -c "select count(*) from fact_checkins") check-ins"

refresh() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$ANALYTICS/analytics/refresh$1" \
  -H "Authorization: Bearer $TOKEN"; }
# quiet (bench/stack.sh) before each: a full refresh's consequences — the first one announces 10,000 first risk
# levels, which mentor-service turns into alerts — run after it on the same two cores, and would otherwise be
# measured inside the next refresh
echo "== full refresh (everyone), three times, each on a quiet machine"
for run in 1 2 3; do
  quiet
  refresh ""
done
quiet
echo "== one member's refresh, $SAMPLES members (HTTP included)"
for i in $(seq 1 "$SAMPLES"); do
  M=$(python3 -c "import hashlib,uuid;print(uuid.UUID(hashlib.md5(b'bench-m$((RANDOM % HISTORY + 1))').hexdigest()))")
  refresh "?memberId=$M"
done | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {printf "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n", a[int(NR*0.5+0.5)]*1000, a[int(NR*0.9+0.5)]*1000, a[int(NR*0.99+0.5)]*1000, a[NR]*1000}'
curl -s "$ANALYTICS/q/metrics" | grep -E '^goalcoach_analytics_refresh_seconds_(sum|count|max)'

echo "== GET /analytics/mentors/{id}/roster, a mentor with 50 mentees (their metrics computed above)"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk"; exit 1; }
MENTOR=$(python3 -c "import hashlib,uuid;print(uuid.UUID(hashlib.md5(b'bench-mentor').hexdigest()))")
PGPASSWORD=postgres psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d goalcoach_warehouse \
  -c "insert into dim_members (member_id, display_name, role, timezone, version) values ('$MENTOR', 'Bench mentor', 'MENTOR', 'UTC', 1) on conflict do nothing" \
  -c "update dim_members set mentor_id = '$MENTOR' where member_id in (select md5('bench-m' || i)::uuid from generate_series(1, 50) i)"
[ "$(curl -s -H "Authorization: Bearer $TOKEN" "$ANALYTICS/analytics/mentors/$MENTOR/roster" | python3 -c 'import sys,json;print(len(json.load(sys.stdin)))')" = 50 ] \
  || { echo "the roster does not list 50 mentees"; exit 1; }
for run in $(seq 1 "${RUNS:-3}"); do
  echo "run $run:"
  wrk -t2 -c${CONNECTIONS:-8} -d${DURATION:-20}s --latency -H "Authorization: Bearer $TOKEN" \
    "$ANALYTICS/analytics/mentors/$MENTOR/roster" | grep -E "Requests/sec|50%|99%|Non-2xx"
done
