#!/usr/bin/env bash
# Makes PostgreSQL and RabbitMQ available for TrustSafety and writes .run/infra.env.
#
# Modes, first match wins:
#   env     TS_PG_HOST and TS_RABBIT_HOST are set: use those servers, only create the databases.
#   docker  `docker info` answers: docker compose -f infra/docker-compose.yml up -d, wait for readiness.
#   debian  otherwise: apt-get install postgresql rabbitmq-server when missing, start them without systemd.
# Force a mode with TS_INFRA_MODE=env|docker|debian (sourcing .run/infra.env sets it, so a shell that
# sourced the file gets the same mode again instead of mistaking our own output for "given servers").
#
# Idempotent; takes well under 2 s when everything already runs.
#
# LOCAL-DEMO SECRETS: role trustsafety/trustsafety (SUPERUSER) and RabbitMQ guest/guest are for a
# developer machine or CI only. Never use them for a real deployment (see k8s/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"
ENV_FILE="$RUN_DIR/infra.env"
COMPOSE_FILE="$ROOT/infra/docker-compose.yml"
mkdir -p "$RUN_DIR"

DATABASES=(trustsafety_identity trustsafety_incident trustsafety_consent trustsafety_device_register
           trustsafety_filtering_ingest trustsafety_reporting trustsafety_notifications trustsafety_governance)
# LOCAL-DEMO SECRET
LOCAL_PG_USER=trustsafety
LOCAL_PG_PASSWORD=trustsafety
LOCAL_RABBIT_USER=guest
LOCAL_RABBIT_PASSWORD=guest

log()  { echo "[infra] $*" >&2; }
die()  { echo "[infra] ERROR: $*" >&2; exit 1; }

# Serialise concurrent runs (test.sh and run.sh from two shells, several engineers).
# Every command that may leave a daemon behind runs with `9>&-`, or the daemon would hold the lock forever.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$RUN_DIR/infra-setup.lock"
  flock -w 300 9 || die "another infra/setup.sh holds $RUN_DIR/infra-setup.lock for more than 300 s"
fi

apt_lists_present() { compgen -G "/var/lib/apt/lists/*_Packages" >/dev/null 2>&1; }

# apt_install pkg... : installs the packages that are not installed yet; apt-get update only when needed.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "need ${missing[*]} but apt-get is not available"
  [ "$(id -u)" -eq 0 ] || die "need ${missing[*]}: run as root (or install them yourself)"
  log "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt_lists_present; then apt-get update -qq; fi
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 9>&-; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 9>&-
  fi
}

tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

wait_tcp() { # host port seconds what
  local deadline=$((SECONDS + $3))
  until tcp_open "$1" "$2"; do
    [ $SECONDS -lt $deadline ] || die "$4 did not open $1:$2 within $3 s"
    sleep 0.5
  done
}

pg_tcp() { # psql over TCP with the configured credentials; extra args appended
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 \
    -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"
}

wait_pg() { # seconds
  local deadline=$((SECONDS + $1))
  until pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2; do
    [ $SECONDS -lt $deadline ] || die "PostgreSQL at $PG_HOST:$PG_PORT not ready within $1 s"
    sleep 0.5
  done
}

ensure_databases() {
  local existing db created=()
  existing="$(pg_tcp -d postgres -Atc "select datname from pg_database")" \
    || die "cannot log in to PostgreSQL at $PG_HOST:$PG_PORT as $PG_USER"
  for db in "${DATABASES[@]}"; do
    if ! grep -qx "$db" <<<"$existing"; then
      # CREATE DATABASE can race with a concurrent creator from another machine; tolerate "already exists".
      pg_tcp -d postgres -c "CREATE DATABASE \"$db\"" 2>/dev/null \
        || pg_tcp -d postgres -Atc "select 1 from pg_database where datname='$db'" | grep -q 1 \
        || die "could not create database $db"
      created+=("$db")
    fi
  done
  [ "${#created[@]}" -eq 0 ] || log "created databases: ${created[*]}"
}

# ---------------------------------------------------------------- mode: env
setup_env_mode() {
  PG_HOST="$TS_PG_HOST"; PG_PORT="${TS_PG_PORT:-5432}"
  PG_USER="${TS_PG_USER:-$LOCAL_PG_USER}"; PG_PASSWORD="${TS_PG_PASSWORD:-$LOCAL_PG_PASSWORD}"
  RABBIT_HOST="$TS_RABBIT_HOST"; RABBIT_PORT="${TS_RABBIT_PORT:-5672}"
  RABBIT_USER="${TS_RABBIT_USER:-$LOCAL_RABBIT_USER}"; RABBIT_PASSWORD="${TS_RABBIT_PASSWORD:-$LOCAL_RABBIT_PASSWORD}"
  command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  wait_pg 60
  wait_tcp "$RABBIT_HOST" "$RABBIT_PORT" 60 "RabbitMQ"
}

# ---------------------------------------------------------------- mode: docker
setup_docker_mode() {
  PG_HOST=127.0.0.1; PG_PORT=5432; PG_USER="$LOCAL_PG_USER"; PG_PASSWORD="$LOCAL_PG_PASSWORD"
  RABBIT_HOST=127.0.0.1; RABBIT_PORT=5672; RABBIT_USER="$LOCAL_RABBIT_USER"; RABBIT_PASSWORD="$LOCAL_RABBIT_PASSWORD"
  command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  if ! { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 1 && tcp_open "$RABBIT_HOST" "$RABBIT_PORT"; }; then
    log "docker compose up -d ($COMPOSE_FILE)"
    docker compose -f "$COMPOSE_FILE" up -d --wait >/dev/null 2>&1 9>&- \
      || docker compose -f "$COMPOSE_FILE" up -d >&2 9>&-
  fi
  wait_pg 90
  local deadline=$((SECONDS + 90))
  until docker compose -f "$COMPOSE_FILE" exec -T rabbitmq rabbitmq-diagnostics -q ping >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "RabbitMQ container not ready within 90 s"
    sleep 1
  done
  wait_tcp "$RABBIT_HOST" "$RABBIT_PORT" 30 "RabbitMQ"
}

# ---------------------------------------------------------------- mode: debian
as_postgres() { # run psql as the postgres OS user over the local socket
  local port="$1"; shift
  if command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@")
  else
    (cd / && su postgres -s /bin/sh -c "psql -X -q -v ON_ERROR_STOP=1 -p $port $(printf '%q ' "$@")")
  fi
}

pg_cluster_line() { pg_lsclusters -h 2>/dev/null | awk '$2=="main"{print; exit}'; }

setup_debian_postgres() {
  apt_install postgresql
  local line ver port status
  line="$(pg_cluster_line)"
  if [ -z "$line" ]; then
    ver="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
    [ -n "$ver" ] || die "postgresql installed but no server version under /usr/lib/postgresql"
    log "creating PostgreSQL $ver cluster main"
    pg_createcluster "$ver" main >/dev/null 9>&-
    line="$(pg_cluster_line)"
  fi
  read -r ver _ port status _ <<<"$line"
  PG_HOST=127.0.0.1; PG_PORT="$port"; PG_USER="$LOCAL_PG_USER"; PG_PASSWORD="$LOCAL_PG_PASSWORD"

  if [[ "$status" != online* ]]; then
    log "starting PostgreSQL $ver/main on port $port"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null 9>&- \
      || pg_ctlcluster --skip-systemctl-redirect "$ver" main status >/dev/null 2>&1 \
      || die "PostgreSQL $ver/main failed to start; see /var/log/postgresql/postgresql-$ver-main.log"
  fi
  wait_pg 60

  # Fast path: our role logs in over TCP with its password and the server is already tuned.
  local tuned
  tuned="$(pg_tcp -d postgres -Atc "select current_setting('max_connections')::int >= 300 and current_setting('synchronous_commit') = 'on'" 2>/dev/null || true)"
  [ "$tuned" = "t" ] && return 0

  # LOCAL-DEMO SECRET: superuser role with a well-known password, local machine only.
  as_postgres "$port" -d postgres <<SQL >/dev/null
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$LOCAL_PG_USER') THEN
    CREATE ROLE $LOCAL_PG_USER LOGIN CREATEDB SUPERUSER PASSWORD '$LOCAL_PG_PASSWORD';
  ELSE
    ALTER ROLE $LOCAL_PG_USER LOGIN CREATEDB SUPERUSER PASSWORD '$LOCAL_PG_PASSWORD';
  END IF;
END
\$\$;
SQL

  # Enough connections for every service and parallel test classes. Durability stays as shipped
  # (fsync and synchronous_commit on): a 202 from ingest must mean the events survive a crash.
  local maxconn
  maxconn="$(as_postgres "$port" -d postgres -Atc "show max_connections")"
  as_postgres "$port" -d postgres -c "ALTER SYSTEM RESET synchronous_commit" >/dev/null
  if [ "$maxconn" -lt 300 ]; then
    as_postgres "$port" -d postgres -c "ALTER SYSTEM SET max_connections = 300" >/dev/null
    log "restarting PostgreSQL $ver/main (max_connections $maxconn -> 300)"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main restart 9>&-
    wait_pg 60
  else
    as_postgres "$port" -d postgres -Atc "select pg_reload_conf()" >/dev/null
  fi

  # Password auth over 127.0.0.1 (Debian's pg_hba has scram-sha-256 for host 127.0.0.1/32; verify).
  if ! pg_tcp -d postgres -Atc "select 1" >/dev/null 2>&1; then
    local hba
    hba="$(as_postgres "$port" -d postgres -Atc "show hba_file")"
    log "adding a scram-sha-256 line for $LOCAL_PG_USER on 127.0.0.1 to $hba"
    sed -i "1i host all $LOCAL_PG_USER 127.0.0.1/32 scram-sha-256" "$hba"
    as_postgres "$port" -d postgres -Atc "select pg_reload_conf()" >/dev/null
    sleep 0.5
    pg_tcp -d postgres -Atc "select 1" >/dev/null || die "password login as $LOCAL_PG_USER on 127.0.0.1:$port fails"
  fi
}

rabbit_ping() { timeout 20 rabbitmq-diagnostics -q ping -t 10 >/dev/null 2>&1; }

setup_debian_rabbit() {
  RABBIT_HOST=127.0.0.1; RABBIT_PORT=5672; RABBIT_USER="$LOCAL_RABBIT_USER"; RABBIT_PASSWORD="$LOCAL_RABBIT_PASSWORD"
  apt_install rabbitmq-server
  # Fast path: the AMQP listener only opens once the broker has booted.
  tcp_open "$RABBIT_HOST" "$RABBIT_PORT" && return 0
  # The management plugin is not needed (health checks use AMQP) and is deliberately not enabled.
  if ! pgrep -u rabbitmq -f 'beam.*rabbit' >/dev/null 2>&1; then
    log "starting RabbitMQ (rabbitmq-server -detached)"
    rabbitmq-server -detached >/dev/null 2>&1 9>&- || true
  else
    log "RabbitMQ node process exists; waiting for it to boot"
  fi
  local deadline=$((SECONDS + 90))
  until rabbit_ping; do
    [ $SECONDS -lt $deadline ] || die "RabbitMQ did not answer ping within 90 s; see /var/log/rabbitmq/"
    sleep 1
  done
  wait_tcp "$RABBIT_HOST" "$RABBIT_PORT" 30 "RabbitMQ"
}

# ---------------------------------------------------------------- main
MODE="${TS_INFRA_MODE:-}"
if [ -z "$MODE" ]; then
  if [ -n "${TS_PG_HOST:-}" ] || [ -n "${TS_RABBIT_HOST:-}" ]; then
    [ -n "${TS_PG_HOST:-}" ] && [ -n "${TS_RABBIT_HOST:-}" ] \
      || die "set both TS_PG_HOST and TS_RABBIT_HOST to use given servers (or neither)"
    MODE=env
  elif command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; then
    MODE=docker
  else
    MODE=debian
  fi
fi

case "$MODE" in
  env)    [ -n "${TS_PG_HOST:-}" ] && [ -n "${TS_RABBIT_HOST:-}" ] || die "TS_INFRA_MODE=env needs TS_PG_HOST and TS_RABBIT_HOST"
          setup_env_mode ;;
  docker) setup_docker_mode ;;
  debian) setup_debian_postgres; setup_debian_rabbit ;;
  *)      die "unknown TS_INFRA_MODE '$MODE' (env|docker|debian)" ;;
esac

ensure_databases

tmp="$(mktemp "$RUN_DIR/infra.env.XXXXXX")"
{
  echo "# Written by infra/setup.sh ($(date -u +%Y-%m-%dT%H:%M:%SZ)). Source it: . .run/infra.env"
  printf 'export TS_INFRA_MODE=%q\n'      "$MODE"
  printf 'export TS_PG_HOST=%q\n'         "$PG_HOST"
  printf 'export TS_PG_PORT=%q\n'         "$PG_PORT"
  printf 'export TS_PG_USER=%q\n'         "$PG_USER"
  printf 'export TS_PG_PASSWORD=%q\n'     "$PG_PASSWORD"
  printf 'export TS_RABBIT_HOST=%q\n'     "$RABBIT_HOST"
  printf 'export TS_RABBIT_PORT=%q\n'     "$RABBIT_PORT"
  printf 'export TS_RABBIT_USER=%q\n'     "$RABBIT_USER"
  printf 'export TS_RABBIT_PASSWORD=%q\n' "$RABBIT_PASSWORD"
} >"$tmp"
mv -f "$tmp" "$ENV_FILE"

echo "infra ready (mode=$MODE): postgres $PG_USER@$PG_HOST:$PG_PORT (${#DATABASES[@]} databases), rabbitmq $RABBIT_USER@$RABBIT_HOST:$RABBIT_PORT -> .run/infra.env"
