#!/usr/bin/env bash
# Local Zeebe broker for development and tests: fetch (through Maven), start, stop, status.
# One pinned release; the distribution is cached outside git, the data lives in the
# project's ignored state folder. Ports and folders come from the environment so that
# tests can run a broker of their own beside a developer's `npm start`.
set -euo pipefail

ZEEBE_VERSION="${ZEEBE_VERSION:-8.6.0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${ZHIZHI_ENGINE_STATE:-$ROOT/.zhizhi/zeebe}"
CACHE="${ZHIZHI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zhizhi}"
DIST="$CACHE/camunda-zeebe-$ZEEBE_VERSION"
GRPC_PORT="${ZEEBE_GRPC_PORT:-26500}"
REST_PORT="${ZEEBE_REST_PORT:-8088}"
MGMT_PORT="${ZEEBE_MANAGEMENT_PORT:-9600}"
INTERNAL_PORT="${ZEEBE_INTERNAL_PORT:-$((GRPC_PORT + 1))}"
COMMAND_PORT="${ZEEBE_COMMAND_PORT:-$((GRPC_PORT + 2))}"
START_TIMEOUT="${ZEEBE_START_TIMEOUT:-120}"
PID_FILE="$STATE/broker.pid"
LOG_FILE="$STATE/broker.log"

say() { echo "[engine] $*" >&2; }
die() { say "$*"; exit 1; }

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'; }

find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for j in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java; do [ -x "$j" ] && candidates+=("$j"); done
  local best="" best_major=0 major
  for j in "${candidates[@]}"; do
    major="$(java_major "$j" || echo 0)"
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$j"; best_major="$major"; fi
  done
  [ -n "$best" ] || die "Zeebe $ZEEBE_VERSION needs Java 21 or newer and none was found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jre-headless' or a Temurin 21+, or set JAVA_HOME."
  echo "$best"
}

fetch() {
  [ -x "$DIST/bin/broker" ] && return 0
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed once to fetch the Zeebe distribution: 'apt-get install maven'."
  say "fetching io.camunda:camunda-zeebe:$ZEEBE_VERSION:tar.gz through Maven (about 300 MB, once)"
  mvn -q -B dependency:get -Dartifact="io.camunda:camunda-zeebe:$ZEEBE_VERSION:tar.gz" -Dtransitive=false 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2 \
    || die "Maven could not fetch io.camunda:camunda-zeebe:$ZEEBE_VERSION:tar.gz"
  local repo tarball tmp
  repo="$(mvn -q -B help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g')"
  [ -n "$repo" ] || repo="$HOME/.m2/repository"
  tarball="$repo/io/camunda/camunda-zeebe/$ZEEBE_VERSION/camunda-zeebe-$ZEEBE_VERSION.tar.gz"
  [ -f "$tarball" ] || die "expected $tarball after the Maven fetch"
  mkdir -p "$CACHE"
  tmp="$(mktemp -d "$CACHE/.extract.XXXXXX")"
  tar -xzf "$tarball" -C "$tmp"
  mv "$tmp/camunda-zeebe-$ZEEBE_VERSION" "$DIST" && rmdir "$tmp"
  say "cached in $DIST"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q StandaloneBroker "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"; return 0
  fi
  say "removing stale pid file $PID_FILE (process ${pid:-?} is gone)"
  rm -f "$PID_FILE"; return 1
}

port_owner() { ss -Htlnp "sport = :$1" 2>/dev/null | grep -o 'users:.*' | head -1 || true; }

ready() { curl -sf -m 2 "http://127.0.0.1:$REST_PORT/v2/topology" | grep -q '"health":"healthy"'; }

write_config() {
  cat > "$STATE/application.yaml" <<YAML
# Written by scripts/engine.sh: engine-only broker with its embedded gateway, no exporters,
# no authentication, listening on loopback only.
server:
  address: 127.0.0.1
  port: $REST_PORT
management:
  server:
    address: 127.0.0.1
    port: $MGMT_PORT
zeebe:
  broker:
    gateway:
      enable: true
      network:
        host: 127.0.0.1
        port: $GRPC_PORT
      security:
        enabled: false
        authentication:
          mode: none
    network:
      host: 127.0.0.1
      internalApi:
        port: $INTERNAL_PORT
      commandApi:
        port: $COMMAND_PORT
    data:
      directory: $STATE/data
      logSegmentSize: 32MB
      snapshotPeriod: 5m
      disk:
        freeSpace:
          processing: 1GB
          replication: 512MB
    cluster:
      clusterSize: 1
      replicationFactor: 1
      partitionsCount: 1
    threads:
      cpuThreadCount: 2
      ioThreadCount: 2
YAML
}

start() {
  mkdir -p "$STATE"
  exec 9>"$STATE/start.lock"
  flock -w "$START_TIMEOUT" 9 || die "another start is holding $STATE/start.lock"
  local pid
  if pid="$(running_pid)"; then
    if ready; then say "broker already running (pid $pid) on 127.0.0.1:$GRPC_PORT"; return 0; fi
    say "broker process $pid exists but is not ready yet; waiting"
  else
    for port in "$GRPC_PORT" "$REST_PORT" "$MGMT_PORT" "$INTERNAL_PORT" "$COMMAND_PORT"; do
      local owner; owner="$(port_owner "$port")"
      [ -z "$owner" ] || die "port $port is already in use ($owner). Stop that process or choose other ports with ZEEBE_GRPC_PORT / ZEEBE_REST_PORT / ZEEBE_MANAGEMENT_PORT."
    done
    fetch
    local java; java="$(find_java)"
    write_config
    say "starting Zeebe $ZEEBE_VERSION with $java (Java $(java_major "$java")), log: $LOG_FILE"
    JAVA_HOME="$(dirname "$(dirname "$java")")" \
      JAVA_OPTS="${ZEEBE_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC -XX:TieredStopAtLevel=1}" \
      SPRING_CONFIG_ADDITIONAL_LOCATION="file:$STATE/application.yaml" \
      setsid nohup "$DIST/bin/broker" >"$LOG_FILE" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
  fi
  local t0=$SECONDS
  until ready; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$LOG_FILE" >&2; rm -f "$PID_FILE"; die "broker exited during start-up; see $LOG_FILE"; }
    [ $((SECONDS - t0)) -lt "$START_TIMEOUT" ] || die "broker did not become healthy within ${START_TIMEOUT}s; see $LOG_FILE"
    sleep 0.5
  done
  say "broker ready on 127.0.0.1:$GRPC_PORT (gRPC) and :$REST_PORT (REST) after $((SECONDS - t0))s"
}

stop() {
  local pid
  pid="$(running_pid)" || { say "broker not running"; return 0; }
  say "stopping broker (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then say "broker did not stop in 30s; killing it"; kill -KILL "$pid"; fi
  rm -f "$PID_FILE"
}

status() {
  local pid
  if pid="$(running_pid)" && ready; then echo "running (pid $pid, gRPC 127.0.0.1:$GRPC_PORT)"; else echo "stopped"; return 3; fi
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  reset) stop; rm -rf "$STATE/data" ;;
  *) echo "usage: $0 fetch|start|stop|status|reset" >&2; exit 2 ;;
esac
