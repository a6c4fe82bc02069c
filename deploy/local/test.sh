#!/usr/bin/env bash
# Runs every test of the suite:
#  1. unit and @QuarkusTest tests of each module against a real local PostgreSQL;
#  2. the end-to-end tests, which start the four packaged services as processes and
#     save the gateway's merged OpenAPI document; the dashboard's tests run in headless Chromium
#     (installed from Debian's packages when missing) and photograph every page;
#     among them GeneratedClientsIT generates a
#     TypeScript, a Python and a Java client from that document and runs the partner scenario of
#     api-client/README.md with each against the suite;
#     ReplicasIT then starts two replicas of every service sharing their databases, and
#     KafkaTransportIT the four services with Kafka between ingestion and metrics (a broker
#     from deploy/kafka/kafka.sh);
#  3. an OpenAPI lint of that document: Redocly CLI (recommended-strict) and Spectral (oas and
#     Flowlens's own rules), both at zero errors and zero warnings (deploy/openapi/lint.sh);
#  4. the Kubernetes manifests validated without a cluster;
#  5. an OCI image of the gateway built with Jib (no daemon) and checked.
# Extra arguments go to the main Maven run (e.g. -pl metrics-service -Dtest=FlowResourceTest).
set -euo pipefail
cd "$(dirname "$0")/../.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

deploy/local/postgres.sh

# What the generated clients' scenarios run on (GeneratedClientsIT): Node.js and npm, and Debian's
# Python 3 with the Python client's runtime libraries (Debian packages: no PyPI needed).
# Each only when missing: a machine whose Node.js comes from elsewhere (with its own npm) must not
# be asked for Debian's npm, which conflicts with it.
if ! command -v npm >/dev/null 2>&1; then
  echo "[test] installing Node.js and npm from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if ! /usr/bin/python3 -c 'import urllib3, dateutil, pydantic, typing_extensions' >/dev/null 2>&1; then
  echo "[test] installing the Python client's libraries from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 \
    python3-urllib3 python3-dateutil python3-pydantic python3-typing-extensions >/dev/null
fi

# The dashboard's end-to-end tests drive a real headless browser: Debian's Chromium, never a
# downloaded one (e2e-tests/src/test/java/io/flowlens/e2e/dashboard).
if [ ! -x /usr/bin/chromium ]; then
  echo "[test] installing Chromium from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The Kafka broker KafkaTransportIT runs against (KRaft, from Maven Central's jars, no Docker),
# started here so that a broker that cannot start fails before the long Maven run; stopped at exit.
kafka_port=$((29092 + ${FLOWLENS_E2E_PORT_OFFSET:-0}))
if ! FLOWLENS_KAFKA_PORT=$kafka_port deploy/kafka/kafka.sh status >/dev/null 2>&1; then
  trap 'FLOWLENS_KAFKA_PORT=$kafka_port deploy/kafka/kafka.sh stop' EXIT
fi
FLOWLENS_KAFKA_PORT=$kafka_port deploy/kafka/kafka.sh start

echo "[test] modules and end-to-end tests"
./mvnw -B -ntp verify -DskipITs=false "$@"

if [ "$#" -gt 0 ]; then
  echo "[test] partial run: skipping the OpenAPI lint"
  exit 0
fi

openapi=e2e-tests/target/openapi/openapi.json
[ -s "$openapi" ] || { echo "[test] $openapi was not written by the end-to-end tests" >&2; exit 1; }

if ! command -v npx >/dev/null 2>&1; then
  echo "[test] installing Node.js and npm from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
echo "[test] OpenAPI lint of the merged document"
deploy/openapi/lint.sh "$openapi"

echo "[test] Kubernetes manifests against the Kubernetes API schemas (no cluster needed)"
npm ci --silent --no-audit --no-fund --prefix deploy/kubernetes/validate
node deploy/kubernetes/validate/validate.mjs deploy/kubernetes
echo "[test] an OCI image built with Jib (no daemon), its configuration checked, started in its own root filesystem"
deploy/images/build.sh --check gateway
echo "[test] all passed"
