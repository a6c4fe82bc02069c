#!/usr/bin/env bash
# Generates the Python client from the merged OpenAPI document (openapi-generator's Maven
# plugin) and runs scenario.py against FLOWLENS_BASE_URL with FLOWLENS_API_KEY (a partner's key)
# and FLOWLENS_VALUE_STREAM_ID. Runs on Debian's own Python 3 and its packages python3-urllib3,
# python3-dateutil and python3-pydantic (set FLOWLENS_PYTHON to use another interpreter that has them).
set -euo pipefail
# FLOWLENS_OPENAPI: the document, relative to where you are (default: the one the end-to-end tests save).
openapi="$(realpath "${FLOWLENS_OPENAPI:-$(dirname "$0")/../../e2e-tests/target/openapi/openapi.json}")"
cd "$(dirname "$0")"
rm -rf target/generated
../../mvnw -B -ntp -q -f pom.xml generate-sources -Dflowlens.openapi="$openapi"
PYTHONPATH="$PWD/target/generated" PYTHONDONTWRITEBYTECODE=1 exec "${FLOWLENS_PYTHON:-/usr/bin/python3}" scenario.py
