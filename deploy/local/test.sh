#!/usr/bin/env bash
# Runs every test of the suite:
#  1. unit and @QuarkusTest tests of each module against a real local PostgreSQL;
#  2. the end-to-end tests, which start the four packaged services as processes and
#     save the gateway's merged OpenAPI document;
#  3. an OpenAPI lint of that document: Redocly CLI (recommended-strict) and Spectral (oas and
#     Flowlens's own rules), both at zero errors and zero warnings (deploy/openapi/lint.sh);
#  4. a Java client generated from it, compiled.
# Extra arguments go to the main Maven run (e.g. -pl metrics-service -Dtest=FlowResourceTest).
set -euo pipefail
cd "$(dirname "$0")/../.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

deploy/local/postgres.sh

echo "[test] modules and end-to-end tests"
./mvnw -B -ntp verify -DskipITs=false "$@"

if [ "$#" -gt 0 ]; then
  echo "[test] partial run: skipping the OpenAPI lint and client generation"
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

echo "[test] generating and compiling a Java client from the merged document"
./mvnw -B -ntp -q -f api-client/pom.xml package
echo "[test] all passed"
