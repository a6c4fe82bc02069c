#!/usr/bin/env bash
# Generates the TypeScript types from the merged OpenAPI document (openapi-typescript), compiles
# them and scenario.ts with tsc --strict, and runs the scenario against FLOWLENS_BASE_URL with
# FLOWLENS_API_KEY (a partner's key) and FLOWLENS_VALUE_STREAM_ID. Needs Node.js 20 and npm.
set -euo pipefail
# FLOWLENS_OPENAPI: the document, relative to where you are (default: the one the end-to-end tests save).
openapi="$(realpath "${FLOWLENS_OPENAPI:-$(dirname "$0")/../../e2e-tests/target/openapi/openapi.json}")"
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npx --no-install openapi-typescript "$openapi" -o generated/flowlens.d.ts
rm -rf dist
npx --no-install tsc -p tsconfig.json
node dist/scenario.js
