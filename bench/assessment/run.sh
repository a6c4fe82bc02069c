#!/usr/bin/env bash
# Runs the assessment benchmarks against a freshly packaged service on its own database.
#   bench/assessment/run.sh            (from the repository root; needs PostgreSQL as deploy/local/postgres.sh sets up)
# Environment: BENCH_PORT (18183), BENCH_MANAGEMENT_PORT (BENCH_PORT + 1000), FLOWLENS_IDENTITY_SECRET, BENCH_DB (flowlens_assessment_perf_bench), THREADS (16), COUNT (20000).
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${BENCH_PORT:-18183}
DB=${BENCH_DB:-flowlens_assessment_perf_bench}
THREADS=${THREADS:-16}
COUNT=${COUNT:-20000}
export FLOWLENS_DB_PASSWORD=${FLOWLENS_DB_PASSWORD:-flowlens}
export PGPASSWORD=$FLOWLENS_DB_PASSWORD
PSQL="psql -h ${FLOWLENS_DB_HOST:-127.0.0.1} -U ${FLOWLENS_DB_USER:-flowlens} -v ON_ERROR_STOP=1 -q"

# A clean database each run.
$PSQL -d postgres -c "drop database if exists $DB" -c "create database $DB"
[ -f assessment-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -pl assessment-service package -DskipTests

# A packaged service needs its secret (no default outside dev and tests); the benchmark signs with the same.
export FLOWLENS_IDENTITY_SECRET=${FLOWLENS_IDENTITY_SECRET:-bench-identity-secret-0123456789abcdef-0123456789}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-$((PORT + 1000))}
FLOWLENS_DB_NAME=$DB FLOWLENS_PORT=$PORT FLOWLENS_MANAGEMENT_PORT=$MANAGEMENT_PORT java -Xmx1g -jar assessment-service/target/quarkus-app/quarkus-run.jar \
  > /tmp/assessment-bench-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" > /dev/null && break; sleep 1; done

java bench/assessment/AssessmentBench.java submissions "http://127.0.0.1:$PORT" "$THREADS" "$COUNT"
echo "seeding 100,000 organisations' latest scores..."
time $PSQL -d "$DB" -f bench/assessment/seed.sql
sleep 5  # the service catches up with the seeded rows (it also does so before each query)
java bench/assessment/AssessmentBench.java benchmark "http://127.0.0.1:$PORT" "${BENCH_QUERY_THREADS:-4}" "${QUERY_COUNT:-5000}"
