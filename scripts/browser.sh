#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through playwright-core (never a downloaded browser)
# and need a CJK font for readable screenshots; the compose test needs the docker-compose client
# (no engine). Install what is missing, if we may.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi -E 'wqy|noto sans cjk' || missing+=(fonts-wqy-microhei)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[browser] installing ${missing[*]} (Debian packages)" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "[browser] missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]}) or set CHROMIUM_PATH" >&2
  exit 1
fi
