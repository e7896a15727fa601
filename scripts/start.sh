#!/usr/bin/env bash
# `npm start`: services, the engine (built through Maven the first time), `npm run setup` with the
# demo district (migrations, reference data, demo data, diagrams), then workers and the API (which
# also serves the web app) on one port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PORT="${PORT:-3000}"
BIN=node_modules/.bin

bash scripts/services.sh
bash scripts/engine.sh start
$BIN/prisma generate >/dev/null
# Migrations, reference data, diagrams and, for `npm start` only, the demo district.
SEED_DEMO="${SEED_DEMO:-true}" $BIN/tsx scripts/setup.ts
$BIN/vite build web --logLevel warn

# The workers and the API, each restarted when it exits (scripts/supervise.sh).
bash scripts/supervise.sh &
SUPERVISOR=$!
trap 'kill -TERM "$SUPERVISOR" 2>/dev/null || true; wait "$SUPERVISOR" 2>/dev/null || true' INT TERM EXIT

for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.5; done
cat <<TXT

  智治 Zhizhi is up:  http://localhost:$PORT      (health: http://localhost:$PORT/api/health)
  Demo logins (password for all: Zhizhi@2026):
    admin · designer · district.lead · xa.supervisor · xa.staff · haiwang.staff
    grid.hw01 · grid.hw02 · grid.gs01 · justice.staff
  The engine keeps running after Ctrl-C (Cockpit: http://localhost:8080/operaton, admin/admin);
  stop it with: npm run engine:stop

TXT
wait "$SUPERVISOR"
