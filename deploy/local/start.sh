#!/usr/bin/env bash
# Starts the whole Flowlens suite on this machine: PostgreSQL (installed from Debian's
# packages when missing), a build of the four services, the services in the background
# (logs under .flowlens/logs), then loads the demo data through the public API.
# Usage: deploy/local/start.sh [--no-build] [--no-demo]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
STATE="$ROOT/.flowlens"
LOGS="$STATE/logs"
RUN="$STATE/run"
mkdir -p "$LOGS" "$RUN"

build=1
demo=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --no-demo) demo=0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

if ! command -v java >/dev/null 2>&1; then
  echo "Flowlens needs a JDK 17 or newer on the PATH (Debian: apt-get install openjdk-17-jdk-headless)" >&2
  exit 1
fi

deploy/local/postgres.sh
if ! command -v curl >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq curl >/dev/null; else sudo apt-get install -y -qq curl >/dev/null; fi
fi

# Secrets live in .flowlens/secrets.env so a restart keeps the same keys. The packaged services
# run in the prod profile, where no secret has a default: each is generated once, and one added
# to the suite later is appended to an existing file.
umask 077
touch "$STATE/secrets.env"
rand() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
ensure_secret() { # NAME value
  grep -q "^$1=" "$STATE/secrets.env" || echo "$1=$2" >> "$STATE/secrets.env"
}
ensure_secret FLOWLENS_IDENTITY_SECRET "$(rand)"
ensure_secret FLOWLENS_ADMIN_KEY "flk_platform_$(rand)"
ensure_secret FLOWLENS_SECRET_KEY "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
umask 022
set -a
# shellcheck disable=SC1091
. "$STATE/secrets.env"
set +a
# The database password is the local role's (deploy/local/postgres.sh creates it with this one).
export FLOWLENS_DB_PASSWORD=${FLOWLENS_DB_PASSWORD:-flowlens}
export FLOWLENS_GATEWAY_URL=${FLOWLENS_GATEWAY_URL:-http://127.0.0.1:8080}
export FLOWLENS_INGESTION_URL=${FLOWLENS_INGESTION_URL:-http://127.0.0.1:8081}
# ingestion's item events and assessment's scored assessments are delivered here.
export FLOWLENS_METRICS_URL=${FLOWLENS_METRICS_URL:-http://127.0.0.1:8082}
export FLOWLENS_ASSESSMENT_URL=${FLOWLENS_ASSESSMENT_URL:-http://127.0.0.1:8083}
# Management interfaces (health, metrics, a service's OpenAPI document): ports 9080-9083, never public.
export FLOWLENS_INGESTION_MANAGEMENT_URL=${FLOWLENS_INGESTION_MANAGEMENT_URL:-http://127.0.0.1:9081}
export FLOWLENS_METRICS_MANAGEMENT_URL=${FLOWLENS_METRICS_MANAGEMENT_URL:-http://127.0.0.1:9082}
export FLOWLENS_ASSESSMENT_MANAGEMENT_URL=${FLOWLENS_ASSESSMENT_MANAGEMENT_URL:-http://127.0.0.1:9083}

if [ "$build" -eq 1 ]; then
  echo "[flowlens] building (./mvnw package, tests skipped; run deploy/local/test.sh for those)"
  ./mvnw -B -q -ntp -DskipTests package
fi

deploy/local/stop.sh --quiet || true

start_service() { # module port management-port
  local module=$1 port=$2 management=$3
  local jar="$ROOT/$module/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || { echo "missing $jar: build first" >&2; exit 1; }
  FLOWLENS_PORT=$port QUARKUS_MANAGEMENT_PORT=$management nohup java -Xmx768m -jar "$jar" >"$LOGS/$module.log" 2>&1 &
  echo $! > "$RUN/$module.pid"
}

wait_ready() { # module port management-port: readiness is on the management interface
  local module=$1 port=$2 management=$3
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$management/q/health/ready" 2>/dev/null; then
      echo "[flowlens] $module ready on :$port (management :$management)"
      return 0
    fi
    if ! kill -0 "$(cat "$RUN/$module.pid")" 2>/dev/null; then
      echo "[flowlens] $module exited; last lines of $LOGS/$module.log:" >&2
      tail -n 30 "$LOGS/$module.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "[flowlens] $module not ready after 120 s; see $LOGS/$module.log" >&2
  exit 1
}

echo "[flowlens] starting services (logs in $LOGS)"
start_service ingestion-service 8081 9081
start_service metrics-service 8082 9082
start_service assessment-service 8083 9083
start_service gateway 8080 9080
wait_ready ingestion-service 8081 9081
wait_ready metrics-service 8082 9082
wait_ready assessment-service 8083 9083
wait_ready gateway 8080 9080

if [ "$demo" -eq 1 ]; then
  if [ -f "$STATE/demo.env" ]; then
    echo "[flowlens] demo data already loaded (delete .flowlens/demo.env and the databases to reload)"
  else
    echo "[flowlens] loading demo data through the API"
    java "$ROOT/deploy/local/demo/DemoHistory.java" 42 > "$STATE/demo-history.ndjson"
    java "$ROOT/deploy/local/demo/DemoData.java" "$FLOWLENS_GATEWAY_URL" "$FLOWLENS_ADMIN_KEY" \
      "$STATE/demo-history.ndjson" "$STATE/demo.env"
  fi
fi

cat <<MSG

Flowlens is running.
  Gateway (the API):  $FLOWLENS_GATEWAY_URL/api/v1
  Dashboard:          $FLOWLENS_GATEWAY_URL/dashboard/ (enter the demo reader key below)
  Swagger UI:         $FLOWLENS_GATEWAY_URL/q/swagger-ui
  OpenAPI document:   $FLOWLENS_GATEWAY_URL/q/openapi
  Readiness:          http://127.0.0.1:9080/q/health/ready (management port; services 9081-9083)
  Metrics:            http://127.0.0.1:9080/q/metrics
  Platform admin key: $FLOWLENS_ADMIN_KEY
MSG
if [ -f "$STATE/demo.env" ]; then
  echo "  Demo tenant keys:   $STATE/demo.env"
  grep -E '^DEMO_' "$STATE/demo.env" | sed 's/^/    /'
fi
cat <<MSG
  Logs:               $LOGS
  Stop:               deploy/local/stop.sh
MSG
