#!/usr/bin/env bash
# The deployables under supervision (the tail of `npm start`, also run by its test): the workers
# and the API each run on their own and are restarted when they exit, so a worker crash does not
# stop the API, nor the other way round. Node runs the entry point itself (tsx as a loader), so
# signals reach our handlers, not a wrapper. Each child's pid is kept in $ZHIZHI_RUN_DIR
# (default .zhizhi) as <name>.pid. TERM/INT stop both and end the script. With ZHIZHI_COMPILED=1
# (`npm run start:prod`) node runs the compiled output of `npm run build` instead: no tsx.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUN_DIR="${ZHIZHI_RUN_DIR:-.zhizhi}"
mkdir -p "$RUN_DIR"

if [ "${ZHIZHI_COMPILED:-}" = 1 ]; then
  [ -f dist/api/src/main.js ] || { echo "[start] dist/ is missing: run 'npm run build' first" >&2; exit 1; }
  entry() { exec node "dist/${1%.ts}.js"; }
else
  entry() { exec node --import tsx "$1"; }
fi

STOPPING=0
supervise() {
  local name="$1"; shift
  local pid
  while [ "$STOPPING" = 0 ]; do
    entry "$1" &
    pid=$!
    echo "$pid" >"$RUN_DIR/$name.pid"
    wait "$pid" && code=0 || code=$?
    [ "$STOPPING" = 0 ] || break
    echo "[start] $name exited (code $code); restarting in 2 s" >&2
    sleep 2
  done
}
supervise workers workers/src/main.ts &
WORKERS=$!
supervise api api/src/main.ts &
API=$!
stop() {
  STOPPING=1
  kill -TERM "$API" "$WORKERS" 2>/dev/null || true
  kill -TERM "$(cat "$RUN_DIR/api.pid" 2>/dev/null)" "$(cat "$RUN_DIR/workers.pid" 2>/dev/null)" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT
wait "$API" "$WORKERS"
