#!/usr/bin/env bash
# Makes sure a local PostgreSQL is installed (Debian's package), running, and holds the
# Flowlens role and databases. Idempotent: safe to run before every start and every test run.
# Works as root (CI) and as a normal user with sudo.
set -euo pipefail

DB_USER=${FLOWLENS_DB_USER:-flowlens}
DB_PASSWORD=${FLOWLENS_DB_PASSWORD:-flowlens}
DB_HOST=${FLOWLENS_DB_HOST:-127.0.0.1}
DB_PORT=${FLOWLENS_DB_PORT:-5432}
SERVICES=(gateway ingestion metrics assessment)

log() { printf '[postgres] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  log "installing PostgreSQL from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting cluster $version/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi

for _ in $(seq 1 30); do
  as_postgres psql -qtAc 'select 1' >/dev/null 2>&1 && break
  sleep 1
done

psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$DB_USER'")" != "1" ]; then
  log "creating role $DB_USER"
  psql_admin -c "create role \"$DB_USER\" login password '$DB_PASSWORD' createdb"
fi

databases=()
for service in "${SERVICES[@]}"; do
  databases+=("flowlens_$service" "flowlens_${service}_test" "flowlens_${service}_e2e" "flowlens_${service}_replicas"
    "flowlens_${service}_kafka")
done
databases+=("${FLOWLENS_EXTRA_DATABASES[@]:-}")
for db in "${databases[@]}"; do
  [ -n "$db" ] || continue
  if [ "$(psql_admin -c "select 1 from pg_database where datname = '$db'")" != "1" ]; then
    log "creating database $db"
    psql_admin -c "create database \"$db\" owner \"$DB_USER\""
  fi
done

# Write-heavy settings for webhook bursts (see ingestion-service/README.md): with the defaults
# (max_wal_size 1GB, uncompressed full-page images) a sustained 2,000 webhooks/s starts a
# checkpoint every ~90 s, and the burst of full-page images after each start stalls commits for
# a few hundred milliseconds. Reloadable settings only; FLOWLENS_PG_TUNE=0 leaves the cluster alone.
if [ "${FLOWLENS_PG_TUNE:-1}" = "1" ]; then
  tuned=0
  for setting in "wal_compression=lz4" "max_wal_size=4GB" "checkpoint_timeout=15min"; do
    name=${setting%%=*}; value=${setting#*=}
    current=$(psql_admin -c "show $name")
    if [ "$current" != "$value" ]; then
      psql_admin -c "alter system set $name = '$value'" >/dev/null && tuned=1
    fi
  done
  if [ "$tuned" = "1" ]; then
    psql_admin -c "select pg_reload_conf()" >/dev/null
    log "set wal_compression=lz4, max_wal_size=4GB, checkpoint_timeout=15min (FLOWLENS_PG_TUNE=0 to skip)"
  fi
fi

if ! PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d flowlens_gateway -qtAc 'select 1' >/dev/null; then
  echo "[postgres] cannot log in as $DB_USER over TCP at $DB_HOST:$DB_PORT; check pg_hba.conf" >&2
  exit 1
fi
log "ready at $DB_HOST:$DB_PORT (role $DB_USER)"
