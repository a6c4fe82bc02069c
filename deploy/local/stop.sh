#!/usr/bin/env bash
# Stops the services deploy/local/start.sh started. PostgreSQL keeps running.
set -uo pipefail
cd "$(dirname "$0")/../.."
RUN=.flowlens/run
quiet=0
[ "${1:-}" = "--quiet" ] && quiet=1
[ -d "$RUN" ] || exit 0
for pidfile in "$RUN"/*.pid; do
  [ -e "$pidfile" ] || continue
  module=$(basename "$pidfile" .pid)
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    [ "$quiet" -eq 1 ] || echo "[flowlens] stopped $module"
  fi
  rm -f "$pidfile"
done
