# Sourced by the bench scripts: builds, starts the whole local stack through the launcher on ports shifted by
# OFFSET with a throw-away state directory (HOME_DIR), waits until it is up, and stops it (and removes HOME_DIR)
# when the script exits. After it: HOME_DIR, LAUNCHER, PG_PORT, BOOTSTRAP (Kafka).
HOME_DIR=$(mktemp -d /tmp/goalcoach-bench.XXXXXX)
# A bench signs in and up from one address far more often than a person: member-service's per-address limits are
# raised (a bench measures the work, not the refusals); the per-account ones stay as configured.
export GOALCOACH_MEMBER_LIMITS_LOGINS_PER_ADDRESS=${GOALCOACH_MEMBER_LIMITS_LOGINS_PER_ADDRESS:-10000000/1m}
export GOALCOACH_MEMBER_LIMITS_REGISTRATIONS_PER_ADDRESS=${GOALCOACH_MEMBER_LIMITS_REGISTRATIONS_PER_ADDRESS:-10000000/1m}
./mvnw -B -q package -DskipTests -Dspotless.check.skip=true
GOALCOACH_HOME=$HOME_DIR GOALCOACH_PORT_OFFSET=$OFFSET \
  java -cp "deploy/local/target/classes:deploy/local/target/lib/*" dev.goalcoach.local.Launcher > "$HOME_DIR/launcher.log" 2>&1 &
LAUNCHER=$!
# `|| true`: under the scripts' `set -e` the launcher's status after TERM (143) ended the trap before the rm, left
# the state directory (~0.8 GB) behind and made the script exit 143 after printing its figures.
trap 'kill -TERM $LAUNCHER 2>/dev/null; wait $LAUNCHER 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
for _ in $(seq 1 360); do grep -q "GoalCoach is up" "$HOME_DIR/launcher.log" && break; sleep 0.5; done
grep -q "GoalCoach is up" "$HOME_DIR/launcher.log" || { cat "$HOME_DIR/launcher.log"; exit 1; }
PG_PORT=$(sed -n 's/.*PostgreSQL  127.0.0.1:\([0-9]*\).*/\1/p' "$HOME_DIR/launcher.log")
BOOTSTRAP=$(sed -n 's/.*Kafka       \([0-9.:]*\).*/\1/p' "$HOME_DIR/launcher.log")

# Waits until the machine is quiet (below QUIET % busy, default 25, for 3 s in a row; at most 180 s) and says after
# how long: what the stack still does after a load (consumers draining, alerts) is then not measured in the next.
quiet() {
  local calm=0 waited=0 a b
  a=($(head -1 /proc/stat))
  while [ $calm -lt 3 ] && [ $waited -lt 180 ]; do
    sleep 1; waited=$((waited + 1))
    b=($(head -1 /proc/stat))
    local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
    for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
    if [ $(( 100 * (total - idle) / (total > 0 ? total : 1) )) -lt "${QUIET:-25}" ]; then calm=$((calm + 1)); else calm=0; fi
    a=("${b[@]}")
  done
  echo "   (quiet after ${waited} s)"
}
