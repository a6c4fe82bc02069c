#!/usr/bin/env bash
# Generates the Java client from the merged OpenAPI document (openapi-generator's Maven plugin),
# compiles it with the scenario, and runs the scenario against FLOWLENS_BASE_URL with
# FLOWLENS_API_KEY (a partner's key) and FLOWLENS_VALUE_STREAM_ID. Needs Java 17.
set -euo pipefail
# FLOWLENS_OPENAPI: the document, relative to where you are (default: the one the end-to-end tests save).
openapi="$(realpath "${FLOWLENS_OPENAPI:-$(dirname "$0")/../../e2e-tests/target/openapi/openapi.json}")"
cd "$(dirname "$0")"
../../mvnw -B -ntp -q -f pom.xml package -Dflowlens.openapi="$openapi"
exec java -cp "target/classes:$(cat target/classpath.txt)" io.flowlens.client.scenario.Scenario
