#!/usr/bin/env bash
# A/B of two gateways: two builds, or one build under two sets of JVM options, side by side in
# front of one static upstream (nginx answering a fixed page) and measured in turn. One run of
# run.sh cannot tell a 5 % change from this machine's drift between minutes; alternating short
# runs of A and B can, since a slow minute hits both.
# Usage: bench/gateway/ab.sh [seconds per measured run]   (needs: a JDK, wrk, nginx, local PostgreSQL)
#   AB_A_APP, AB_B_APP    quarkus-app directories (default: gateway/target/quarkus-app for both);
#                         copies are run, so a rebuild during the run changes nothing
#   AB_A_OPTS, AB_B_OPTS  extra JVM options of each (e.g. AB_B_OPTS=-XX:+UseParallelGC)
#   AB_A_JAVA, AB_B_JAVA  java binaries (default: java)
#   AB_CONNS=32           connections (1: latency of one caller; 32: throughput)
#   AB_ROUNDS=6           rounds; odd rounds measure A first, even ones B first
#   AB_PREWARM=2          unmeasured seconds of the same load before each measured run
#   AB_WARMUP=30          seconds of JIT warm-up for each gateway
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
. bench/gateway/lib.sh
DURATION=${1:-8}
WORK=${AB_WORK:-/tmp/flowlens-bench-gateway-ab}
UPSTREAM_PORT=19091
declare -A PORT=([A]=19190 [B]=19191)
CONNS=${AB_CONNS:-32}
THREADS=$([ "$CONNS" -eq 1 ] && echo 1 || echo 2)
ROUNDS=${AB_ROUNDS:-6}
PREWARM=${AB_PREWARM:-2}
PATH_Q=/api/v1/value-streams
mkdir -p "$WORK/logs"
require_tools wrk nginx java curl

declare -A PID
cleanup() {
  for side in A B; do [ -n "${PID[$side]:-}" ] && kill "${PID[$side]}" 2>/dev/null || true; done
  [ -f "$WORK/upstream.pid" ] && kill "$(cat "$WORK/upstream.pid")" 2>/dev/null || true
}
trap cleanup EXIT

sed -e "s#__WORK__#$WORK#g" -e "s#__UPSTREAM_PORT__#$UPSTREAM_PORT#g" bench/gateway/upstream.conf.template > "$WORK/upstream.conf"
nginx -c "$WORK/upstream.conf" -p "$WORK"
UPSTREAM_ENV=FLOWLENS_METRICS_URL
UPSTREAM_URL=http://127.0.0.1:$UPSTREAM_PORT

declare -A HEADER
for side in A B; do
  app_var=AB_${side}_APP; opts_var=AB_${side}_OPTS; java_var=AB_${side}_JAVA
  app=${!app_var:-$ROOT/gateway/target/quarkus-app}
  [ -f "$app/quarkus-run.jar" ] || { echo "missing $app/quarkus-run.jar: package the gateway first" >&2; exit 1; }
  rm -rf "$WORK/app-$side" && cp -r "$app" "$WORK/app-$side"
  # shellcheck disable=SC2086 # options are words
  start_gateway "${PORT[$side]}" "flowlens_gateway_ab_$(echo $side | tr AB ab)" "$WORK/app-$side" \
    "$WORK/gateway-$side.log" "${!java_var:-java}" ${!opts_var:-}
  PID[$side]=$GATEWAY_PID
done
url() { echo "http://127.0.0.1:${PORT[$1]}$PATH_Q"; }
for side in A B; do
  wait_for "${PORT[$side]}"
  reader_key "${PORT[$side]}"
  HEADER[$side]="Authorization: Bearer $KEY"
  curl -fsS -o /dev/null -H "${HEADER[$side]}" "$(url "$side")" || { echo "[ab] gateway $side does not answer 200" >&2; exit 1; }
done

WARMUP=${AB_WARMUP:-30}
echo "[ab] A: ${AB_A_APP:-gateway/target/quarkus-app} ${AB_A_OPTS:-} | B: ${AB_B_APP:-gateway/target/quarkus-app} ${AB_B_OPTS:-}"
echo "[ab] warming up each gateway for $WARMUP s; then $ROUNDS rounds of ${DURATION}s at $CONNS connections"
for side in A B; do wrk -t2 -c32 -d"${WARMUP}s" -H "${HEADER[$side]}" "$(url "$side")" > /dev/null; done

results="$WORK/results.txt"
: > "$results"
printf "%-5s %-4s %12s %9s %9s %9s %12s\n" round side requests/s "p50 ms" "mean ms" "p99 ms" "cpu us/req"
for round in $(seq 1 "$ROUNDS"); do
  order="A B"; [ $((round % 2)) -eq 0 ] && order="B A"
  for side in $order; do
    [ "$PREWARM" -gt 0 ] && wrk -t"$THREADS" -c"$CONNS" -d"${PREWARM}s" -H "${HEADER[$side]}" "$(url "$side")" > /dev/null
    read -r rps p50 p99 cpu mean <<< "$(measure "$WORK/wrk-$side.txt" "$CONNS" "$THREADS" "$DURATION" \
      "${HEADER[$side]}" "$(url "$side")" "${PID[$side]}")"
    printf "%-5s %-4s %12.0f %9.3f %9.3f %9.3f %12.1f\n" "$round" "$side" "$rps" "$p50" "$mean" "$p99" "$cpu"
    echo "$round $side $rps $p50 $mean $p99 $cpu" >> "$results"
  done
done

echo
awk "$AWK_MEDIAN"'
  { rps[$2] = rps[$2] " " $3; p50[$2] = p50[$2] " " $4; mean[$2] = mean[$2] " " $5; p99[$2] = p99[$2] " " $6
    cpu[$2] = cpu[$2] " " $7; c[$1, $2] = $7; r[$1, $2] = $3; rounds[$1] = 1 }
  END {
    for (s = 1; s <= 2; s++) {
      side = (s == 1 ? "A" : "B")
      printf "%s: %8.0f requests/s, p50 %.3f ms, mean %.3f ms, p99 %.3f ms, %.1f us CPU per request (medians)\n", side,
        median(rps[side]), median(p50[side]), median(mean[side]), median(p99[side]), median(cpu[side])
    }
    less = 0; faster = 0; n = 0
    for (k in rounds) { n++; if (c[k, "B"] < c[k, "A"]) less++; if (r[k, "B"] > r[k, "A"]) faster++ }
    printf "B / A: %.3f in CPU per request, %.3f in requests/s (medians); B used less CPU in %d of %d rounds and served more in %d\n",
      median(cpu["B"]) / median(cpu["A"]), median(rps["B"]) / median(rps["A"]), less, n, faster
  }' "$results"
echo "[ab] raw wrk outputs and logs in $WORK"
