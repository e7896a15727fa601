#!/usr/bin/env bash
# Generates lib/engine/engine-rest.d.ts, the typed engine REST API, from the Camunda 7.24 REST
# OpenAPI document (Apache 2.0, Maven Central): Operaton serves none of its own and keeps the
# 7.x REST API, with `camunda*` fields renamed `operaton*`. Run when the engine version changes;
# the output is committed so that installing and type-checking need neither Maven nor a JVM.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTIFACT=org.camunda.bpm:camunda-engine-rest-openapi:7.24.0
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mvn -q -B dependency:copy -Dartifact="$ARTIFACT" -DoutputDirectory="$tmp" >&2
unzip -q -o "$tmp"/camunda-engine-rest-openapi-*.jar openapi.json -d "$tmp"
sed -e 's/"camundaFormRef"/"operatonFormRef"/g; s/"camundaIntegration"/"operatonIntegration"/g' "$tmp/openapi.json" >"$tmp/operaton.json"
"$ROOT/node_modules/.bin/openapi-typescript" "$tmp/operaton.json" -o "$ROOT/lib/engine/engine-rest.d.ts" --root-types >&2
