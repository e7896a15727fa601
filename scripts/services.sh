#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on this machine; start local ones that are
# installed but stopped, and say exactly what to install when they are missing.
# Remote services (DATABASE_URL / REDIS_URL pointing elsewhere) are only checked.
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/zhizhi}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
say() { echo "[services] $*" >&2; }

pg_host_port() { python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.hostname or "127.0.0.1", p.port or 5432)' "$1"; }
read -r PG_HOST PG_PORT < <(pg_host_port "$DATABASE_URL")
read -r REDIS_HOST REDIS_PORT < <(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.hostname or "127.0.0.1", p.port or 6379)' "$REDIS_URL")
is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" ]]; }

pg_up() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }
redis_up() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

wait_for() { for _ in $(seq 1 30); do "$1" && return 0; sleep 1; done; return 1; }

if ! pg_up; then
  if is_local "$PG_HOST" && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    say "PostgreSQL is not running; starting the local cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  fi
  wait_for pg_up || { say "PostgreSQL does not answer at $PG_HOST:$PG_PORT. Install and start it (Debian: 'apt-get install postgresql'), or set DATABASE_URL."; exit 1; }
fi

if ! redis_up; then
  if is_local "$REDIS_HOST" && command -v redis-server >/dev/null 2>&1; then
    say "Redis is not running; starting a local one"
    mkdir -p /tmp/zhizhi-redis
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
      --dir /tmp/zhizhi-redis --logfile /tmp/zhizhi-redis/redis.log >/dev/null || true
  fi
  wait_for redis_up || { say "Redis does not answer at $REDIS_HOST:$REDIS_PORT. Install it (Debian: 'apt-get install redis-server'), or set REDIS_URL."; exit 1; }
fi

# The app database itself: create it when the server has none of that name.
DB_NAME="$(python3 -c 'import sys,urllib.parse as u; print(u.urlparse(sys.argv[1]).path.lstrip("/") or "postgres")' "$DATABASE_URL")"
ADMIN_URL="$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p._replace(path="/postgres").geturl())' "$DATABASE_URL")"
if ! psql "$ADMIN_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
  say "creating database $DB_NAME"
  psql "$ADMIN_URL" -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
fi
say "PostgreSQL ($PG_HOST:$PG_PORT/$DB_NAME) and Redis ($REDIS_HOST:$REDIS_PORT) are up"
