#!/usr/bin/env bash
# member-service: start time, RSS, and POST /auth/login and GET /members/{id} throughput and latency over
# loopback, with wrk (Debian package `wrk`). Starts its own stack through the launcher on shifted ports with a
# throw-away state directory, and stops it at the end. Bounded: each wrk run lasts DURATION seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk"; exit 1; }

DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
OFFSET=${OFFSET:-20000}
SVC=http://127.0.0.1:$((8081 + OFFSET))
GW=http://127.0.0.1:$((8080 + OFFSET))

source bench/stack.sh

PID=$(pgrep -f "member-service/target/quarkus-app/quarkus-run.jar" | head -1)
echo "== member-service start: $(grep -o 'started in [0-9.]*s' "$HOME_DIR/logs/member-service.log" | head -1)"
echo "== RSS after start: $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$PID/status)"

EMAIL="bench-$RANDOM@example.org"
ID=$(curl -sf -X POST $SVC/auth/register -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"Correct-horse-9\",\"displayName\":\"Bench\",\"timezone\":\"UTC\"}" \
  | sed 's/.*"id":"\([^"]*\)".*/\1/')
TOKEN=$(curl -sf -X POST $SVC/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"Correct-horse-9\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

cat > "$HOME_DIR/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"$EMAIL","password":"Correct-horse-9"}'
LUA

echo "== warm-up"; wrk -t2 -c$CONNECTIONS -d20s -H "Authorization: Bearer $TOKEN" "$SVC/members/$ID" >/dev/null
echo "== POST /auth/login (bcrypt cost ${GOALCOACH_MEMBER_BCRYPT_COST:-10}), ${DURATION}s, $CONNECTIONS connections"
wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -s "$HOME_DIR/login.lua" "$SVC/auth/login" | grep -E "Requests/sec|99%|50%|Non-2xx|Socket errors"
echo "== GET /members/{id}, ${DURATION}s, $CONNECTIONS connections"
wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -H "Authorization: Bearer $TOKEN" "$SVC/members/$ID" | grep -E "Requests/sec|99%|50%|Non-2xx|Socket errors"
echo "== GET /members/{id} through the gateway"
wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -H "Authorization: Bearer $TOKEN" "$GW/members/$ID" | grep -E "Requests/sec|99%|50%|Non-2xx|Socket errors"
echo "== RSS under load (after): $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$PID/status)"
