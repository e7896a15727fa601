#!/usr/bin/env bash
# `npm test`: generated client, lint (code, formatting, diagrams) beside the type-check, the web build,
# then every Jest suite: the unit project and the integration project in parallel (an engine node
# per Jest worker, a database per suite: test/env.ts), then the exclusive suites alone (they kill
# or restart engines and deployables, or start a second engine node: jest.config.js). The engines
# and the template databases are prepared in the background while lint, type-check and the web
# build run. The browser suites share one Debian Chromium (scripts/browser.sh installs it when
# missing). Each phase's time is printed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=node_modules/.bin
WORKERS="${ZHIZHI_TEST_WORKERS:-2}"
t0=$SECONDS
times=()
phase_start=$SECONDS
phase() { times+=("$(printf '%-16s %4ss' "$1" $((SECONDS - phase_start)))"); phase_start=$SECONDS; }
report() {
  echo "[test] phases:"
  printf '[test]   %s\n' "${times[@]}"
  echo "[test]   total            $((SECONDS - t0))s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
}

$BIN/prisma generate >/dev/null
mkdir -p .zhizhi
stack_log=.zhizhi/test-stack.log
$BIN/tsx test/test-stack.ts prepare "$WORKERS" >"$stack_log" 2>&1 &
stack_pid=$!
# The engines stop with the script, whichever way it ends (and a type-check still running ends first).
typecheck_pid=
trap '[ -z "$typecheck_pid" ] || wait "$typecheck_pid" 2>/dev/null || true; $BIN/tsx test/test-stack.ts stop "$WORKERS" >/dev/null 2>&1 || true' EXIT

# Lint and type-check side by side: each is one single-threaded process at a time (about 40 s and
# 60 s of CPU), so on two cores together they take about the time of the longer.
typecheck_log=.zhizhi/type-check.log
echo "[test] lint and type-check, side by side"
{ $BIN/tsc -p . && $BIN/tsc -p web; } >"$typecheck_log" 2>&1 &
typecheck_pid=$!
# One command per line: under `set -e` a failure before the last `&&` of a list does not stop the script.
$BIN/eslint .
$BIN/prettier --check . >/dev/null
$BIN/bpmnlint --max-warnings 0 processes/*.bpmn
$BIN/tsx scripts/api-types.ts --check
wait "$typecheck_pid" || { cat "$typecheck_log"; exit 1; }
phase "lint+type-check"
echo "[test] build web"; $BIN/vite build web --logLevel warn
bash scripts/browser.sh
phase "web build"
echo "[test] engines and template databases"
wait "$stack_pid" || { cat "$stack_log"; exit 1; }
phase "engines (wait)"

export ZHIZHI_TEST_STACK_READY=1
status=0
echo "[test] jest: unit and integration, $WORKERS workers"
$BIN/jest --selectProjects unit integration --maxWorkers="$WORKERS" --passWithNoTests "$@" || status=1
phase "jest parallel"
echo "[test] jest: exclusive suites, alone"
$BIN/jest --selectProjects exclusive --runInBand --passWithNoTests "$@" || status=1
phase "jest exclusive"
report
exit $status
