#!/usr/bin/env bash
# mentor-service, through the gateway: GET /mentor/chat/{id}/patients (the roster) and
# GET /dashboard/mentor/{id}/patient/{member} (the composed view: goal-service and analytics-service behind it, an
# audit row and its event per view) for a mentor of MENTEES mentees with a week of check-ins each, and the offline
# copilot (POST /mentor/chat/). wrk (Debian package `wrk`), each run DURATION seconds after a warm-up. Starts its
# own stack through the launcher on shifted ports with a throw-away state directory, and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk"; exit 1; }

DURATION=${DURATION:-20}
# "warm" means the six JVMs' JIT is done with these paths: on two cores that takes minutes of load, not seconds
# (20 s left the CPU per view ~2.5x the steady figure: C2 compiling in every service), so the warm-up is a minute
# per request kind at 8 connections whatever CONNECTIONS measures
WARMUP=${WARMUP:-60}
WARMUP_CONNECTIONS=${WARMUP_CONNECTIONS:-8}
CONNECTIONS=${CONNECTIONS:-8}
MENTEES=${MENTEES:-50}
THREADS=$(( CONNECTIONS < 2 ? 1 : 2 ))
OFFSET=${OFFSET:-22000}
GW=http://127.0.0.1:$((8080 + OFFSET))
# a bench asks the copilot far more often than a mentor: its per-minute budget is raised (the work is measured)
export GOALCOACH_MENTOR_REQUESTS_PER_MINUTE=${GOALCOACH_MENTOR_REQUESTS_PER_MINUTE:-10000000}

source bench/stack.sh

json() { python3 -c "import sys,json;print(json.load(sys.stdin)$1)"; }
login() { curl -sf -X POST $GW/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"$1\",\"password\":\"Correct-horse-9\"}" | json '["access_token"]'; }
# follows the verification link mailed to $1 (./run's mailbox, /dev/mail.json): a mentor needs a verified mentee
verify() {
  for _ in $(seq 1 100); do
    LINK=$(curl -sf "$GW/dev/mail.json?to=$1" | python3 -c "import sys,json,re
for m in json.load(sys.stdin):
    r=re.search(r'https?://\S+/auth/verify-email\?token=\S+', m['text'] or '')
    if r: print(r.group()); break")
    [ -n "$LINK" ] && curl -sf "$LINK" >/dev/null && return 0
    sleep 0.2
  done
  echo "no verification mail for $1" >&2; return 1
}
ADMIN=$(curl -sf -X POST $GW/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@goalcoach.local\",\"password\":\"$(cat "$HOME_DIR/admin-password")\"}" | json '["access_token"]')
MENTOR_EMAIL="mentor-$RANDOM@example.org"
MENTOR=$(curl -sf -X POST $GW/members -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$MENTOR_EMAIL\",\"password\":\"Correct-horse-9\",\"displayName\":\"Mo\",\"timezone\":\"UTC\",\"role\":\"MENTOR\"}" \
  | json '["id"]')
MTOKEN=$(login "$MENTOR_EMAIL")

echo "== $MENTEES mentees, each with two daily habits and a week of check-ins"
TODAY=$(date -u +%F)
IDS=""
for i in $(seq 1 $MENTEES); do
  EMAIL="mentee-$i-$RANDOM@example.org"
  ID=$(curl -sf -X POST $GW/auth/register -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"Correct-horse-9\",\"displayName\":\"Mentee $i\",\"timezone\":\"UTC\"}" | json '["id"]')
  TOKEN=$(login "$EMAIL")
  verify "$EMAIL"
  curl -sf -X PUT $GW/members/$ID/mentor -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"mentorId\":\"$MENTOR\"}" >/dev/null
  START=$(date -u -d "$TODAY -7 days" +%F)
  for _ in $(seq 1 50); do
    OUT=$(curl -s -X POST $GW/goals -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"title\":\"Goal $i\",\"theme\":\"HEALTH\",\"habits\":[{\"title\":\"walk\",\"schedule\":{\"type\":\"DAILY\"},\"startDate\":\"$START\"},{\"title\":\"read\",\"schedule\":{\"type\":\"DAILY\"},\"startDate\":\"$START\"}]}")
    echo "$OUT" | grep -q '"habits"' && break; sleep 0.2
  done
  BULK=$(echo "$OUT" | python3 -c "
import sys,json,datetime
g=json.load(sys.stdin); today=datetime.date.fromisoformat('$TODAY'); i=$i
items=[{'habitId':h['id'],'date':str(today-datetime.timedelta(days=d)),'status':'DONE' if (d+i+k)%(2+i%3) else 'MISSED'}
       for k,h in enumerate(g['habits']) for d in range(1,8)]
print(json.dumps({'checkins':items}))")
  curl -sf -X POST $GW/checkins/bulk -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$BULK" >/dev/null
  IDS="$IDS $ID"
done
echo "== waiting for every mentee's figures on the roster"
for _ in $(seq 1 240); do
  N=$(curl -sf $GW/mentor/chat/$MENTOR/patients -H "Authorization: Bearer $MTOKEN" \
    | python3 -c "import sys,json;print(sum(1 for p in json.load(sys.stdin)['patients'] if p['riskLevel']))")
  [ "$N" -ge "$MENTEES" ] && break; sleep 1
done
echo "   $N of $MENTEES mentees with figures"

LUA_IDS=$(for id in $IDS; do printf '"%s",' "$id"; done)
cat > "$HOME_DIR/dashboard.lua" <<LUA
local ids = {${LUA_IDS%,}}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/dashboard/mentor/$MENTOR/patient/" .. ids[(n % #ids) + 1], {["Authorization"] = "Bearer $MTOKEN"})
end
LUA
cat > "$HOME_DIR/copilot.lua" <<LUA
local ids = {${LUA_IDS%,}}
local questions = {"How is she doing?", "What changed since last week?", "What should I say to them?"}
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"patientId":"%s","message":"%s"}', ids[(n % #ids) + 1], questions[(n % #questions) + 1])
  return wrk.format("POST", "/mentor/chat/", {["Authorization"] = "Bearer $MTOKEN", ["Content-Type"] = "application/json"}, body)
end
LUA
PID=$(pgrep -f "mentor-service/target/quarkus-app/quarkus-run.jar" | head -1)
# CPU time (user + system, clock ticks) of each process of the suite: the launcher (gateway and broker), each
# service, PostgreSQL (every process named postgres: the one server's backends), read from /proc before and after
# a run (work a request sets off after it (the audit event's relay, broker, loader) counts when it falls in the run)
cpu() {
  local name=$1; shift
  local t=0
  for p in "$@"; do
    [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat)))
  done
  echo "$name $t"
}
snapshot() {
  cpu launcher "$LAUNCHER"
  for s in member goal coach mentor analytics sync; do
    cpu "$s" $(pgrep -f "$s-service/target/quarkus-app/quarkus-run.jar")
  done
  cpu postgresql $(pgrep -x postgres)
}
# the CPU milliseconds each process spent per request of a run (what one request costs the whole suite)
per_request() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
before = dict(l.split() for l in open(sys.argv[1]))
after = dict(l.split() for l in open(sys.argv[2]))
requests = int(sys.argv[3])
tick_ms = 10  # CLK_TCK 100
parts = {k: (int(after[k]) - int(before[k])) * tick_ms / max(requests, 1) for k in after}
print("   CPU ms per request: " + ", ".join(f"{k} {v:.2f}" for k, v in parts.items() if v >= 0.01)
      + f"; total {sum(parts.values()):.2f}")
PY
}
run() {
  snapshot > "$HOME_DIR/cpu-before"
  wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency "$@" > "$HOME_DIR/wrk.out"
  snapshot > "$HOME_DIR/cpu-after"
  grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" "$HOME_DIR/wrk.out"
  per_request "$HOME_DIR/cpu-before" "$HOME_DIR/cpu-after" "$(awk '/requests in/ {print $1}' "$HOME_DIR/wrk.out")"
}
echo "== warm-up ${WARMUP}s each, $WARMUP_CONNECTIONS connections"
WARM="-t2 -c$WARMUP_CONNECTIONS -d${WARMUP}s"
wrk $WARM -H "Authorization: Bearer $MTOKEN" "$GW/mentor/chat/$MENTOR/patients" >/dev/null
wrk $WARM -s "$HOME_DIR/dashboard.lua" "$GW" >/dev/null
wrk $WARM -s "$HOME_DIR/copilot.lua" "$GW" >/dev/null
echo "== GET /mentor/chat/{id}/patients ($MENTEES mentees), through the gateway, ${DURATION}s, $CONNECTIONS connections"
run -H "Authorization: Bearer $MTOKEN" "$GW/mentor/chat/$MENTOR/patients"
echo "== GET /dashboard/mentor/{id}/patient/{member}, cycling the mentees, through the gateway"
# JFR_SERVICE=goal (or mentor, analytics, ...): a flight recording of that service during this run, to JFR_OUT
if [ -n "${JFR_SERVICE:-}" ]; then
  JPID=$(pgrep -f "$JFR_SERVICE-service/target/quarkus-app/quarkus-run.jar" | head -1)
  jcmd "$JPID" JFR.start name=bench settings=profile duration=${DURATION}s filename="${JFR_OUT:-/tmp/$JFR_SERVICE.jfr}" >/dev/null
fi
run -s "$HOME_DIR/dashboard.lua" "$GW"
echo "== POST /mentor/chat/ (offline copilot), cycling mentees and questions, through the gateway"
run -s "$HOME_DIR/copilot.lua" "$GW"
echo "== mentor-service RSS after the load: $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$PID/status)"
