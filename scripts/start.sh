#!/usr/bin/env bash
# `npm start`: services, the engine (built through Maven the first time), schema, demo data,
# diagrams, then workers and the API
# (which also serves the web app) on one port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PORT="${PORT:-3000}"
BIN=node_modules/.bin

bash scripts/services.sh
bash scripts/engine.sh start
$BIN/prisma generate >/dev/null
$BIN/prisma migrate deploy 2>&1 | grep -E 'applied|No pending|Error' || true
$BIN/tsx scripts/seed.ts
$BIN/tsx scripts/deploy-processes.ts
$BIN/vite build web --logLevel warn

# Each deployable runs on its own and is restarted when it exits: a worker crash does not stop
# the API, nor the other way round. Node runs the entry point itself (tsx as a loader), so
# signals reach our handlers, not a wrapper.
STOPPING=0
supervise() {
  local name="$1"; shift
  local pid
  while [ "$STOPPING" = 0 ]; do
    node --import tsx "$@" &
    pid=$!
    echo "$pid" >".zhizhi/$name.pid"
    wait "$pid" && code=0 || code=$?
    [ "$STOPPING" = 0 ] || break
    echo "[start] $name exited (code $code); restarting in 2 s" >&2
    sleep 2
  done
}
mkdir -p .zhizhi
supervise workers workers/src/main.ts &
WORKERS=$!
supervise api api/src/main.ts &
API=$!
stop() {
  STOPPING=1
  kill -TERM "$API" "$WORKERS" 2>/dev/null || true
  kill -TERM "$(cat .zhizhi/api.pid 2>/dev/null)" "$(cat .zhizhi/workers.pid 2>/dev/null)" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.5; done
cat <<TXT

  智治 Zhizhi is up:  http://localhost:$PORT      (health: http://localhost:$PORT/api/health)
  Demo logins (password for all: Zhizhi@2026):
    admin · designer · district.lead · xa.supervisor · xa.staff · haiwang.staff
    grid.hw01 · grid.hw02 · grid.gs01 · justice.staff
  The engine keeps running after Ctrl-C (Cockpit: http://localhost:8080/operaton, admin/admin);
  stop it with: npm run engine:stop

TXT
wait "$API" "$WORKERS"
