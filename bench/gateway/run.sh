#!/usr/bin/env bash
# Gateway overhead benchmark: the same read request sent straight to an upstream, through the
# gateway and through nginx (a plain reverse proxy), with wrk from a second process.
# Usage: bench/gateway/run.sh [duration-seconds per measured run]   (needs: a JDK, wrk, nginx, local PostgreSQL)
#   BENCH_UPSTREAM=static     (default) nginx answering a fixed JSON page: measures the proxies alone
#   BENCH_UPSTREAM=assessment the packaged assessment-service, GET /api/v1/questionnaires (in-memory
#                             catalog, reader role): a real service's cheap read
#   BENCH_CONNS="1 32"        connection counts to run (default both)
#   BENCH_GATEWAY_OPTS=...    extra JVM options for the gateway (e.g. -XX:+UseParallelGC)
#   BENCH_JFR=/path/file.jfr  record the gateway with JFR during its first c=32 run (where its CPU goes;
#                             starting JFR costs JIT time itself: read its figures, not that run's)
#   BENCH_NGINX_ACCESS_LOG=off nginx without its access line (the gateway always writes one);
#                             =unbuffered one write per line (default: batched, as the gateway's)
#   BENCH_ROUNDS=5            rounds; each measures direct, nginx and gateway in turn (medians reported)
#   BENCH_PREWARM=3           unmeasured seconds of the same load before each measured run
#   BENCH_WARMUP=30           seconds of JIT warm-up (gateway, and the assessment service)
# Builds nothing: package the gateway (and the assessment-service for that mode) first.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
. bench/gateway/lib.sh
DURATION=${1:-20}
WORK=${BENCH_WORK:-/tmp/flowlens-bench-gateway}
UPSTREAM_PORT=19081
NGINX_PORT=19082
GATEWAY_PORT=19080
DB=flowlens_gateway_bench
MODE=${BENCH_UPSTREAM:-static}
JAR="$ROOT/gateway/target/quarkus-app/quarkus-run.jar"
mkdir -p "$WORK/logs"

require_tools wrk nginx java curl
[ -f "$JAR" ] || { echo "missing $JAR: package the gateway first" >&2; exit 1; }

ensure_database flowlens_assessment_bench

pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/upstream.pid" ] && kill "$(cat "$WORK/upstream.pid")" 2>/dev/null || true
  [ -f "$WORK/proxy.pid" ] && kill "$(cat "$WORK/proxy.pid")" 2>/dev/null || true
}
trap cleanup EXIT

# nginx collects its access lines per worker and writes them together, as the gateway does (4 KiB,
# at most 1 s late); BENCH_NGINX_ACCESS_LOG=unbuffered writes each line at once, =off none.
ACCESS_LOG="$WORK/proxy-access.log flowlens buffer=4k flush=1s"
[ "${BENCH_NGINX_ACCESS_LOG:-on}" = unbuffered ] && ACCESS_LOG="$WORK/proxy-access.log flowlens"
[ "${BENCH_NGINX_ACCESS_LOG:-on}" = off ] && ACCESS_LOG=off
render() { sed -e "s#__WORK__#$WORK#g" -e "s#__ACCESS_LOG__#$ACCESS_LOG#g" -e "s#__UPSTREAM_PORT__#$UPSTREAM_PORT#g" -e "s#__NGINX_PORT__#$NGINX_PORT#g" "$1" > "$2"; }
if [ "$MODE" = assessment ]; then
  UPSTREAM_PORT=19083
  PATH_Q=/api/v1/questionnaires
  # A copy, so a concurrent build of the module cannot swap the jar under the running service.
  rm -rf "$WORK/assessment-app" && cp -r "$ROOT/assessment-service/target/quarkus-app" "$WORK/assessment-app"
  FLOWLENS_PORT=$UPSTREAM_PORT QUARKUS_MANAGEMENT_PORT="$(management_port $UPSTREAM_PORT)" \
  FLOWLENS_DB_NAME=flowlens_assessment_bench FLOWLENS_IDENTITY_SECRET=$SECRET \
  QUARKUS_FLYWAY_CLEAN_AT_START=true QUARKUS_FLYWAY_CLEAN_DISABLED=false \
    java -Xmx512m -jar "$WORK/assessment-app/quarkus-run.jar" > "$WORK/assessment.log" 2>&1 &
  pids+=($!)
  UPSTREAM_PID=$!
  UPSTREAM_ENV=FLOWLENS_ASSESSMENT_URL
else
  PATH_Q=/api/v1/value-streams
  render bench/gateway/upstream.conf.template "$WORK/upstream.conf"
  nginx -c "$WORK/upstream.conf" -p "$WORK"
  UPSTREAM_ENV=FLOWLENS_METRICS_URL
fi
render bench/gateway/nginx-proxy.conf.template "$WORK/proxy.conf"
nginx -c "$WORK/proxy.conf" -p "$WORK"

# The gateway as it runs in production (packaged jar), the benchmarked service pointed at the upstream.
UPSTREAM_URL=http://127.0.0.1:$UPSTREAM_PORT
# shellcheck disable=SC2086 # options are words
start_gateway "$GATEWAY_PORT" "$DB" "$ROOT/gateway/target/quarkus-app" "$WORK/gateway.log" java ${BENCH_GATEWAY_OPTS:-}
pids+=($GATEWAY_PID)
wait_for "$GATEWAY_PORT"
wait_for "${UPSTREAM_HEALTH_PORT:-$UPSTREAM_PORT}"
reader_key "$GATEWAY_PORT"

# Direct calls and nginx carry what the gateway would add (a signed identity); the gateway gets the key.
TOKEN=$(java -cp "$ROOT/gateway/target/quarkus-app/lib/main/*" bench/gateway/SignToken.java "$SECRET" "$TENANT_ID" reader 3600 2>/dev/null)
declare -A AUTH=([direct]="X-Flowlens-Identity: $TOKEN" [nginx]="X-Flowlens-Identity: $TOKEN" [gateway]="Authorization: Bearer $KEY")
declare -A URLS=([direct]="http://127.0.0.1:$UPSTREAM_PORT$PATH_Q" [nginx]="http://127.0.0.1:$NGINX_PORT$PATH_Q"
                 [gateway]="http://127.0.0.1:$GATEWAY_PORT$PATH_Q")
for target in direct nginx gateway; do
  curl -fsS -o /dev/null -H "${AUTH[$target]}" "${URLS[$target]}" || { echo "[bench] $target does not answer 200" >&2; exit 1; }
done

# 30 s: on two shared cores the JIT was still compiling the gateway's hot path 15 s in (JFR,
# per-thread CPU), which charged compiler time to the first measured runs.
WARMUP=${BENCH_WARMUP:-30}
echo "[bench] warming up the gateway (JIT) for $WARMUP s"
wrk -t2 -c32 -d"${WARMUP}s" -H "${AUTH[gateway]}" "${URLS[gateway]}" >/dev/null
if [ "$MODE" = assessment ]; then wrk -t2 -c32 -d"${WARMUP}s" -H "${AUTH[direct]}" "${URLS[direct]}" >/dev/null; fi

hop_pids() { # target -> the process that answers it
  case "$1" in
    direct) if [ "$MODE" = assessment ]; then echo "$UPSTREAM_PID"; else cat "$WORK/upstream.pid"; fi ;;
    nginx) cat "$WORK/proxy.pid" ;;
    gateway) echo "$GATEWAY_PID" ;;
  esac
}
run() { # name connections threads
  if [ -n "${BENCH_JFR:-}" ] && [ "$1" = gateway ] && [ "$2" = 32 ] && [ "${ROUND:-1}" = 1 ]; then
    jcmd "$GATEWAY_PID" JFR.start name=bench settings=${BENCH_JFR_SETTINGS:-default} duration="${DURATION}s" filename="$BENCH_JFR" >/dev/null
  fi
  local figures
  # shellcheck disable=SC2046 # pids are words
  figures=$(measure "$WORK/wrk-$1-c$2.txt" "$2" "$3" "$DURATION" "${AUTH[$1]}" "${URLS[$1]}" $(hop_pids "$1"))
  echo "$1 $2 $figures"
}

# Five: one build's ratio to nginx at 32 connections came out 1.63x over three rounds and 1.44x
# over five, an hour apart (2026-11-26); single rounds added 0.38 to 1.28 ms at p50.
ROUNDS=${BENCH_ROUNDS:-5}
PREWARM=${BENCH_PREWARM:-3}
echo "[bench] upstream: $MODE ($PATH_Q); $ROUNDS rounds of ${DURATION}s per path, each after ${PREWARM}s unmeasured; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
results="$WORK/results.txt"
: > "$results"
# Rounds interleave the three paths (direct, nginx, gateway, direct, ...) so a slow minute on this
# shared machine hits all three alike; the summary takes medians over rounds. Each measured run
# follows a few unmeasured seconds of the same load: a JVM that sat idle while the other paths
# ran recompiles part of its hot path when traffic returns, which is warm-up, not steady state.
for conns in ${BENCH_CONNS:-1 32}; do
  threads=$([ "$conns" -eq 1 ] && echo 1 || echo 2)
  for round in $(seq 1 "$ROUNDS"); do
    ROUND=$round
    for target in direct nginx gateway; do
      [ "$PREWARM" -gt 0 ] && wrk -t"$threads" -c"$conns" -d"${PREWARM}s" -H "${AUTH[$target]}" "${URLS[$target]}" >/dev/null
      echo "$(run "$target" "$conns" "$threads") $round" | tee -a "$results"
    done
  done
done
echo "[bench] load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
awk "$AWK_MEDIAN"'
  { k = $1","$2; rps[k] = rps[k] " " $3; p50[k] = p50[k] " " $4; p99[k] = p99[k] " " $5; cpu[k] = cpu[k] " " $6
    avg[k] = avg[k] " " $7; v[$1","$2","$8] = $3 " " $4 " " $7; conns[$2] = 1; rounds[$8] = 1 }
  END {
    printf "%-8s %6s %12s %10s %10s %10s %14s   (medians over rounds)\n", "path", "conns", "requests/s", "p50 ms", "mean ms", "p99 ms", "hop cpu us/req"
    split("direct nginx gateway", names, " ")
    for (c in conns) for (t = 1; t <= 3; t++) {
      n = names[t]; k = n","c
      printf "%-8s %6s %12.0f %10.3f %10.3f %10.3f %14.1f\n", n, c, median(rps[k]), median(p50[k]), median(avg[k]), median(p99[k]), median(cpu[k])
    }
    print ""
    for (c in conns) {
      gadd = ""; nadd = ""; keep = ""; nkeep = ""; ratio = ""; gmean = ""; nmean = ""
      for (r in rounds) {
        split(v["direct,"c","r], d, " "); split(v["nginx,"c","r], x, " "); split(v["gateway,"c","r], g, " ")
        gadd = gadd " " (g[2] - d[2]); nadd = nadd " " (x[2] - d[2]); gmean = gmean " " (g[3] - d[3]); nmean = nmean " " (x[3] - d[3])
        keep = keep " " (g[1] / d[1]); nkeep = nkeep " " (x[1] / d[1])
        if (x[2] - d[2] > 0) ratio = ratio " " ((g[2] - d[2]) / (x[2] - d[2]))
        printf "c=%s round %s: gateway adds %.3f ms at p50 (%.3f mean), nginx %.3f (%.3f); gateway keeps %.0f%%, nginx %.0f%%\n", c, r,
          g[2] - d[2], g[3] - d[3], x[2] - d[2], x[3] - d[3], 100 * g[1] / d[1], 100 * x[1] / d[1]
      }
      ga = median(gadd); na = median(nadd); kp = median(keep)
      printf "c=%s: gateway adds %.3f ms at p50 (median of rounds; target < 1 ms: %s); nginx adds %.3f ms\n", c, ga,
        (ga < 1 ? "met" : "NOT met"), na
      printf "c=%s: gateway keeps %.0f%% of direct throughput (target >= 70%%: %s); nginx keeps %.0f%%\n", c,
        100 * kp, (kp >= 0.7 ? "met" : "NOT met"), 100 * median(nkeep)
      if (na > 0) printf "c=%s: gateway overhead / nginx overhead at p50 = %.2fx (ratio of the medians; target <= 1.5x: %s)\n", c,
        ga / na, (ga / na <= 1.5 ? "met" : "NOT met")
      gm = median(gmean); nm = median(nmean)
      if (nm > 0) printf "c=%s: on mean latency the gateway adds %.3f ms, nginx %.3f ms: %.2fx\n", c, gm, nm, gm / nm
    }
  }' "$results"
echo
echo "[bench] raw wrk outputs and logs in $WORK"
