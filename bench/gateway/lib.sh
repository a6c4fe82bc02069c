# Shared by run.sh and ab.sh (sourced, not run).

ADMIN_KEY=flk_bench_platform_key_0123456789abcdefghijklmnop
SECRET=bench-identity-secret-0123456789abcdef-0123456789
# Packaged jars run in the prod profile, where the database password has no default.
export FLOWLENS_DB_PASSWORD=${FLOWLENS_DB_PASSWORD:-flowlens}
# Each JVM's management interface (health) listens 100 above its port: 19080 -> 19180.
management_port() { echo $(($1 + 100)); }

require_tools() { # tool...
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing $tool (Debian: apt-get install wrk nginx)" >&2; exit 1; }
  done
}

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

ensure_database() { # name
  if [ "$(as_postgres psql -qtAc "select 1 from pg_database where datname = '$1'")" != "1" ]; then
    as_postgres psql -qc "create database $1 owner flowlens"
  fi
}

# Starts a packaged gateway in the background (its pid in GATEWAY_PID), pointed at UPSTREAM_URL
# for the service named by UPSTREAM_ENV, on its own (cleaned) database. The rate limit is raised
# so a benchmark measures forwarding, not refusals; everything else is the default.
start_gateway() { # port database app-dir log java [jvm options...]
  local port=$1 db=$2 app=$3 log=$4 java=$5
  shift 5
  ensure_database "$db"
  env "$UPSTREAM_ENV=$UPSTREAM_URL" \
  FLOWLENS_PORT="$port" QUARKUS_MANAGEMENT_PORT="$(management_port "$port")" \
  FLOWLENS_DB_NAME="$db" FLOWLENS_ADMIN_KEY=$ADMIN_KEY FLOWLENS_IDENTITY_SECRET=$SECRET \
  FLOWLENS_GATEWAY_RATE_LIMIT_CAPACITY=100000000 FLOWLENS_GATEWAY_RATE_LIMIT_REFILL_PER_SECOND=100000000 \
  QUARKUS_FLYWAY_CLEAN_AT_START=true QUARKUS_FLYWAY_CLEAN_DISABLED=false \
    "$java" -Xmx512m "$@" -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
  GATEWAY_PID=$!
}

wait_for() { # port: until its health check (management port, or its own for a build without one; nginx: its root) answers
  local _
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$(management_port "$1")/q/health/live" 2>/dev/null && return 0
    curl -fsS -o /dev/null "http://127.0.0.1:$1/q/health/live" 2>/dev/null && return 0
    curl -fsS -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "[bench] nothing answers on port $1" >&2
  exit 1
}

# A new tenant on the gateway at PORT and a reader key of it: sets TENANT_ID and KEY.
reader_key() { # port
  local tenant admin
  tenant=$(curl -fsS -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
    -d '{"name":"bench"}' "http://127.0.0.1:$1/api/v1/tenants")
  TENANT_ID=$(echo "$tenant" | sed -E 's/.*"tenant":\{"id":"([^"]+)".*/\1/')
  admin=$(echo "$tenant" | sed -E 's/.*"key":"([^"]+)".*/\1/')
  KEY=$(curl -fsS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"name":"bench reader","role":"reader"}' "http://127.0.0.1:$1/api/v1/tenants/$TENANT_ID/api-keys" \
    | sed -E 's/.*"key":"([^"]+)".*/\1/')
}

# CPU seconds (user + system, in clock ticks) used so far by processes and their child processes:
# what one request costs each hop, far less noisy than latency on a shared machine.
cpu_of() { # pid...
  local total=0 p
  for p in "$@" $(for q in "$@"; do pgrep -P "$q"; done); do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(sed -E 's/^.*\) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
TICKS=$(getconf CLK_TCK)

to_ms() { # wrk prints 1.23ms / 456.00us / 1.20s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

# One measured wrk run against URL with HEADER, charging CPU to the pids given: prints
# "requests/s p50-ms p99-ms cpu-us-per-request mean-ms" (wrk's own output stays in OUT).
measure() { # out connections threads duration header url pid...
  local out=$1 conns=$2 threads=$3 duration=$4 header=$5 url=$6 cpu0 cpu1 requests
  shift 6
  cpu0=$(cpu_of "$@")
  wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -H "$header" "$url" > "$out"
  cpu1=$(cpu_of "$@")
  requests=$(awk '/requests in/ {print $1}' "$out")
  echo "$(awk '/Requests\/sec/ {print $2}' "$out") $(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")" \
    "$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")" \
    "$(awk -v t="$((cpu1 - cpu0))" -v hz="$TICKS" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? 1e6 * t / hz / n : 0) }')" \
    "$(to_ms "$(awk '$1 == "Latency" && NF >= 4 {print $2; exit}' "$out")")"
}

# awk: the median of a space-separated list of numbers.
AWK_MEDIAN='
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }'
