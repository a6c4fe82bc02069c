#!/usr/bin/env bash
# Runs every test of the suite: unit and @QuarkusTest tests of each module against a real
# local PostgreSQL, then the end-to-end tests that start the four packaged services.
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/local/postgres.sh
exec ./mvnw -B -ntp verify -DskipITs=false "$@"
