#!/usr/bin/env bash
# The local Operaton engine node for development and tests: build (through Maven, cached),
# start, stop, status, reset. The launcher in engine/ is built once per content hash and run
# from a cached copy (never from engine/target, which a rebuild would replace under the JVM).
# Port, database and state folder come from the environment, so tests run an engine of their
# own beside a developer's `npm start`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${ZHIZHI_ENGINE_STATE:-$ROOT/.zhizhi/engine}"
CACHE="${ZHIZHI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zhizhi}"
PORT="${ZHIZHI_ENGINE_PORT:-8080}"
DB_NAME="${ZHIZHI_ENGINE_DB:-zhizhi_engine}"
PGHOST_="${PGHOST:-127.0.0.1}"
PGPORT_="${PGPORT:-5432}"
PGUSER_="${PGUSER:-postgres}"
API_USER=zhizhiApi
API_PASSWORD="${ZHIZHI_ENGINE_API_PASSWORD:-zhizhiApi}"
START_TIMEOUT="${ZHIZHI_ENGINE_START_TIMEOUT:-180}"
PID_FILE="$STATE/engine.pid"
LOG_FILE="$STATE/engine.log"

say() { echo "[engine] $*" >&2; }
die() { say "$*"; exit 1; }

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'; }

# JAVA_HOME if set, else the java on PATH, else any JDK under /usr/lib/jvm: the first that is 17+.
find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for j in /usr/lib/jvm/*/bin/java; do [ -x "$j" ] && candidates+=("$j"); done
  for j in "${candidates[@]}"; do
    if [ "$(java_major "$j" 2>/dev/null || echo 0)" -ge 17 ]; then echo "$j"; return 0; fi
  done
  die "the engine needs Java 17 or newer and none was found (JAVA_HOME, PATH, /usr/lib/jvm): 'apt-get install openjdk-17-jdk-headless'."
}

# The launcher's identity: its pom, sources and configuration.
source_hash() {
  (cd "$ROOT/engine" && find pom.xml src -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16
}

jar_path() { echo "$CACHE/zhizhi-engine-$(source_hash).jar"; }

build() {
  local jar; jar="$(jar_path)"
  [ -f "$jar" ] && { echo "$jar"; return 0; }
  # Test nodes start side by side and share engine/target: one build at a time, the others wait
  # for its jar (on a fresh machine two concurrent Maven builds removed each other's jar).
  mkdir -p "$CACHE"
  exec 8>"$CACHE/build.lock"
  flock -w 900 8 || die "another engine build is holding $CACHE/build.lock"
  [ -f "$jar" ] && { exec 8>&-; echo "$jar"; return 0; }
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) builds the engine launcher: 'apt-get install maven'."
  say "building the engine launcher with Maven (first time: dependencies from Maven Central, ~1 min)"
  local java; java="$(find_java)"
  JAVA_HOME="$(dirname "$(dirname "$java")")" mvn -q -B -f "$ROOT/engine/pom.xml" package -DskipTests >&2 \
    || die "the Maven build of engine/ failed (output above)"
  mkdir -p "$CACHE"
  cp "$ROOT/engine/target/zhizhi-engine.jar" "$jar.tmp" && mv "$jar.tmp" "$jar"
  # The licences of what the jar bundles, kept beside the sources (docs/architecture.md links it).
  cp "$ROOT/engine/target/generated-sources/license/THIRD-PARTY.txt" "$ROOT/engine/THIRD-PARTY.txt"
  say "cached $jar"
  exec 8>&-
  echo "$jar"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q zhizhi-engine "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"; return 0
  fi
  say "removing stale pid file $PID_FILE (process ${pid:-?} is gone)"
  rm -f "$PID_FILE"; return 1
}

port_owner() { ss -Htlnp "sport = :$1" 2>/dev/null | grep -o 'users:.*' | head -1 || true; }

# An authenticated call: REST is up and the technical users exist.
ready() {
  curl -sf -m 2 -u "$API_USER:$API_PASSWORD" "http://127.0.0.1:$PORT/engine-rest/process-definition/count" >/dev/null
}

psql_() { psql -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

ensure_database() {
  if [ "$(psql_ -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
    say "creating database $DB_NAME"
    psql_ -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
  fi
}

start() {
  mkdir -p "$STATE"
  exec 9>"$STATE/start.lock"
  flock -w "$START_TIMEOUT" 9 || die "another start is holding $STATE/start.lock"
  local pid
  if pid="$(running_pid)"; then
    if ready; then say "engine already running (pid $pid) on 127.0.0.1:$PORT"; return 0; fi
    say "engine process $pid exists but is not ready yet; waiting"
  else
    local owner; owner="$(port_owner "$PORT")"
    [ -z "$owner" ] || die "port $PORT is already in use ($owner). Stop that process or choose another port with ZHIZHI_ENGINE_PORT."
    local jar java
    jar="$(build)"
    java="$(find_java)"
    ensure_database
    say "starting Operaton ($(basename "$jar")) with Java $(java_major "$java") on 127.0.0.1:$PORT, database $DB_NAME, log: $LOG_FILE"
    ZHIZHI_ENGINE_PORT="$PORT" \
      ZHIZHI_ENGINE_DB_URL="${ZHIZHI_ENGINE_DB_URL:-jdbc:postgresql://$PGHOST_:$PGPORT_/$DB_NAME}" \
      ZHIZHI_ENGINE_DB_USER="${ZHIZHI_ENGINE_DB_USER:-$PGUSER_}" \
      setsid nohup "$java" ${ZHIZHI_ENGINE_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
      -Duser.timezone=Asia/Shanghai -jar "$jar" >"$LOG_FILE" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
  fi
  local t0=$SECONDS
  until ready; do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$LOG_FILE" >&2; rm -f "$PID_FILE"; die "engine exited during start-up; see $LOG_FILE"; }
    [ $((SECONDS - t0)) -lt "$START_TIMEOUT" ] || die "engine did not answer within ${START_TIMEOUT}s; see $LOG_FILE"
    sleep 0.5
  done
  say "engine ready on http://127.0.0.1:$PORT/engine-rest after $((SECONDS - t0))s"
}

stop() {
  local pid
  pid="$(running_pid)" || { say "engine not running"; return 0; }
  say "stopping engine (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then say "engine did not stop in 30s; killing it"; kill -KILL "$pid"; fi
  rm -f "$PID_FILE"
}

status() {
  local pid
  if pid="$(running_pid)" && ready; then echo "running (pid $pid, http://127.0.0.1:$PORT/engine-rest)"; else echo "stopped"; return 3; fi
}

# Drops the engine's database (every instance, all history) and creates it empty.
reset() {
  stop
  say "dropping database $DB_NAME"
  psql_ -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null
  ensure_database
}

case "${1:-}" in
  build) build ;;  # prints the cached jar's path
  start) start ;;
  stop) stop ;;
  status) status ;;
  reset) reset ;;
  *) echo "usage: $0 build|start|stop|status|reset" >&2; exit 2 ;;
esac
