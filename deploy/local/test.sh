#!/usr/bin/env bash
# Runs every test of the suite:
#  1. unit and @QuarkusTest tests of each module against a real local PostgreSQL;
#  2. the end-to-end tests, which start the four packaged services as processes and
#     save the gateway's merged OpenAPI document; the dashboard's run in headless Chromium
#     (installed from Debian's packages when missing) and photograph every page;
#  3. an OpenAPI lint of that document (Redocly CLI from the npm registry);
#  4. a Java client generated from it, compiled.
# Extra arguments go to the main Maven run (e.g. -pl metrics-service -Dtest=FlowResourceTest).
set -euo pipefail
cd "$(dirname "$0")/../.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

deploy/local/postgres.sh

# The dashboard's end-to-end tests drive a real headless browser: Debian's Chromium, never a
# downloaded one (e2e-tests/src/test/java/io/flowlens/e2e/dashboard).
if [ ! -x /usr/bin/chromium ]; then
  echo "[test] installing Chromium from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

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
npx --yes @redocly/cli@2.77.0 lint --config deploy/openapi/redocly.yaml "$openapi"

echo "[test] generating and compiling a Java client from the merged document"
./mvnw -B -ntp -q -f api-client/pom.xml package
echo "[test] all passed"
