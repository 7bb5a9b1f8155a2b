#!/usr/bin/env bash
# analytics-service: a full refresh of 10,000 members x 3 habits x 90 days of history (bench/analytics-history.sql)
# in the local warehouse, and the incremental refresh of one member, through its admin endpoint and its
# goalcoach_analytics_refresh timer. Starts its own stack (launcher, ports shifted by OFFSET, throw-away state)
# and stops it at the end. Needs psql.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v psql >/dev/null || { echo "needs psql: apt-get install -y postgresql-client"; exit 1; }

OFFSET=${OFFSET:-33000}
SAMPLES=${SAMPLES:-20}
MEMBERS=http://127.0.0.1:$((8081 + OFFSET))
ANALYTICS=http://127.0.0.1:$((8085 + OFFSET))

source bench/stack.sh
TOKEN=$(curl -sf -X POST $MEMBERS/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@goalcoach.local\",\"password\":\"$(cat "$HOME_DIR/admin-password")\"}" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

echo "== generating the history"
START=$(date +%s.%N)
PGPASSWORD=postgres psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d goalcoach_warehouse -f bench/analytics-history.sql
echo "generated in $(python3 -c "print(round($(date +%s.%N) - $START, 1))") s: $(PGPASSWORD=postgres psql -tA -h 127.0.0.1 \
  -p "$PG_PORT" -U postgres -d goalcoach_warehouse -c "select count(*) from fact_checkins") check-ins"

refresh() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$ANALYTICS/analytics/refresh$1" \
  -H "Authorization: Bearer $TOKEN"; }
echo "== full refresh (everyone), twice"
refresh ""
refresh ""
echo "== one member's refresh, $SAMPLES members (HTTP included)"
for i in $(seq 1 "$SAMPLES"); do
  M=$(python3 -c "import hashlib,uuid;print(uuid.UUID(hashlib.md5(b'bench-m$((RANDOM % 10000 + 1))').hexdigest()))")
  refresh "?memberId=$M"
done | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {printf "p50 %.1f ms, max %.1f ms\n", a[int(NR/2)+1]*1000, a[NR]*1000}'
curl -s "$ANALYTICS/q/metrics" | grep -E '^goalcoach_analytics_refresh_seconds_(sum|count|max)'
