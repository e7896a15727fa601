#!/usr/bin/env bash
# `npm test`: generated client, lint (code, formatting, diagrams), type-check, the web build,
# then every Jest suite (the unit project, and the integration project against the real PostgreSQL,
# Redis and an Operaton engine node of its own), with
# the browser test in Debian's Chromium (scripts/browser.sh installs it when missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=node_modules/.bin
t0=$SECONDS
$BIN/prisma generate >/dev/null
# One command per line: under `set -e` a failure before the last `&&` of a list does not stop the script.
echo "[test] lint"
$BIN/eslint .
$BIN/prettier --check . >/dev/null
$BIN/bpmnlint --max-warnings 0 processes/*.bpmn
echo "[test] type-check"
$BIN/tsc -p .
$BIN/tsc -p web
echo "[test] build web"; $BIN/vite build web --logLevel warn
bash scripts/browser.sh
echo "[test] jest"; $BIN/jest --runInBand "$@"
echo "[test] all done in $((SECONDS - t0))s"
