#!/usr/bin/env bash
# Lints an OpenAPI document with both linters of CI, at zero errors and zero warnings:
#   deploy/openapi/lint.sh [document]   (default: e2e-tests/target/openapi/openapi.json)
# A running gateway's document works too:
#   curl -s http://127.0.0.1:8080/q/openapi > /tmp/openapi.json && deploy/openapi/lint.sh /tmp/openapi.json
# Needs Node.js 20+ and npm (npx fetches the pinned linters on first use).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
doc="${1:-$root/e2e-tests/target/openapi/openapi.json}"
[ -s "$doc" ] || { echo "[lint] no document at $doc" >&2; exit 1; }
REDOCLY_VERSION=2.77.0
SPECTRAL_VERSION=6.16.3

echo "[lint] Redocly recommended-strict: $doc"
npx --yes "@redocly/cli@$REDOCLY_VERSION" lint --config "$root/deploy/openapi/redocly.yaml" \
  --max-problems 1000 "$doc"

echo "[lint] Spectral oas: $doc"
# --fail-severity=warn: a warning fails the lint like an error.
npx --yes "@stoplight/spectral-cli@$SPECTRAL_VERSION" lint --ruleset "$root/deploy/openapi/.spectral.yaml" \
  --fail-severity=warn "$doc"
