#!/usr/bin/env bash
# Runs the whole TrustSafety platform locally.
#   ./run.sh           infra, build (Release), start identity -> services -> gateway, seed demo data,
#                      then stay in the foreground; Ctrl+C stops everything this script started.
#   ./run.sh stop      stop the pieces started by a previous ./run.sh (from any shell).
#   ./run.sh status    show which pieces run.
# Environment:
#   TS_RUN_DETACH=1    start, wait until ready, seed, then return and leave the pieces running.
#   TS_RUN_NO_BUILD=1  skip `dotnet build` (use the existing Release output).
# Logs: .run/logs/<piece>.log   pids: .run/pids/<piece>.pid   infrastructure: .run/infra.env
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
RUN_DIR="$ROOT/.run"; LOG_DIR="$RUN_DIR/logs"; PID_DIR="$RUN_DIR/pids"
mkdir -p "$LOG_DIR" "$PID_DIR"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

GATEWAY_URL="http://127.0.0.1:5080"
IDENTITY_URL="http://127.0.0.1:5090/"
READY_TIMEOUT="${TS_RUN_READY_TIMEOUT:-240}"

# name | project | port | database   (docs/layout.md)
IDENTITY="identity|services/identity/TrustSafety.Identity.csproj|5090|trustsafety_identity"
SERVICES=(
  "incident|services/incident/TrustSafety.Incident.csproj|5101|trustsafety_incident"
  "consent|services/consent/TrustSafety.Consent.csproj|5102|trustsafety_consent"
  "device-register|services/device-register/TrustSafety.DeviceRegister.csproj|5103|trustsafety_device_register"
  "filtering-ingest|services/filtering-ingest/TrustSafety.FilteringIngest.csproj|5104|trustsafety_filtering_ingest"
  "reporting|services/reporting/TrustSafety.Reporting.csproj|5105|trustsafety_reporting"
)
GATEWAY="gateway|gateway/TrustSafety.Gateway/TrustSafety.Gateway.csproj|5080|"

log()  { echo "[run] $*" >&2; }
warn() { echo "[run] WARNING: $*" >&2; }

# ------------------------------------------------------------------ stop
pid_alive() { # pid -> alive and still a dotnet process (pid files can outlive their process)
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q dotnet
}

stop_all() {
  local f pid name pids=()
  shopt -s nullglob
  local files=("$PID_DIR"/*.pid)
  shopt -u nullglob
  [ "${#files[@]}" -gt 0 ] || return 0
  for f in "${files[@]}"; do
    pid="$(cat "$f" 2>/dev/null || true)"; name="$(basename "$f" .pid)"
    if pid_alive "$pid"; then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  local deadline=$((SECONDS + 20)) left
  while :; do
    left=()
    for pid in "${pids[@]+"${pids[@]}"}"; do pid_alive "$pid" && left+=("$pid"); done
    [ "${#left[@]}" -gt 0 ] || break
    if [ $SECONDS -ge $deadline ]; then
      warn "killing ${left[*]} (did not stop within 20 s)"
      kill -KILL "${left[@]}" 2>/dev/null || true
      break
    fi
    sleep 0.3
  done
  rm -f "${files[@]}"
}

status() {
  local entry name proj port db pid
  for entry in "$IDENTITY" "${SERVICES[@]}" "$GATEWAY"; do
    IFS='|' read -r name proj port db <<<"$entry"
    pid="$(cat "$PID_DIR/$name.pid" 2>/dev/null || true)"
    if pid_alive "$pid"; then
      echo "$name: running (pid $pid, http://127.0.0.1:$port, $(http_status "http://127.0.0.1:$port/health/ready"))"
    else
      echo "$name: stopped"
    fi
  done
}

# ------------------------------------------------------------------ http
http_status() { # url -> HTTP status code, or 000
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || echo 000
  else
    local hostport="${1#http://}"; hostport="${hostport%%/*}"; local path="/${1#http://*/}"
    timeout 3 bash -c "exec 3<>/dev/tcp/${hostport%:*}/${hostport#*:}; printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' '$path' '$hostport' >&3; head -1 <&3" 2>/dev/null \
      | awk '{print $2}' | grep -E '^[0-9]{3}$' || echo 000
  fi
}

port_in_use() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

case "${1:-start}" in
  stop)   stop_all; log "stopped"; exit 0 ;;
  status) status; exit 0 ;;
  start)  ;;
  *)      echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac

# ------------------------------------------------------------------ start
shopt -s nullglob
for f in "$PID_DIR"/*.pid; do
  if pid_alive "$(cat "$f" 2>/dev/null || true)"; then
    echo "[run] already running ($(basename "$f" .pid) has a live pid). Use ./run.sh stop first." >&2
    exit 1
  fi
  rm -f "$f"
done
shopt -u nullglob

infra/setup.sh
# shellcheck disable=SC1091
. "$RUN_DIR/infra.env"

if [ "${TS_RUN_NO_BUILD:-0}" != 1 ]; then
  infra/ensure-node.sh
  log "dotnet build TrustSafety.sln -c Release"
  dotnet build TrustSafety.sln -c Release -nologo -v:q -clp:ErrorsOnly || { echo "[run] build FAILED" >&2; exit 1; }
fi

KEEP_RUNNING=0
on_exit() { if [ "$KEEP_RUNNING" != 1 ]; then stop_all; fi; }
trap on_exit EXIT
trap 'echo >&2; log "stopping (signal)"; exit 130' INT TERM

STARTED=()   # "name|port" of pieces started

start_piece() { # entry extra-env...
  local entry="$1"; shift
  local name proj port db dir asm dll
  IFS='|' read -r name proj port db <<<"$entry"
  if [ ! -f "$proj" ]; then warn "skipping $name: $proj does not exist yet"; return 0; fi
  dir="$(dirname "$proj")"
  asm="$(sed -n 's:.*<AssemblyName>\(.*\)</AssemblyName>.*:\1:p' "$proj" | head -1)"
  [ -n "$asm" ] || asm="$(basename "$proj" .csproj)"
  dll="$ROOT/$dir/bin/Release/net10.0/$asm.dll"
  if [ ! -f "$dll" ]; then warn "skipping $name: $dll not built"; return 0; fi
  if port_in_use "$port"; then
    echo "[run] port $port ($name) is already in use by another process; stop it first." >&2
    exit 1
  fi

  local envs=(
    "ASPNETCORE_URLS=http://127.0.0.1:$port"
    "ASPNETCORE_ENVIRONMENT=Development"
    "DOTNET_ENVIRONMENT=Development"
    "RabbitMq__Host=$TS_RABBIT_HOST"
    "RabbitMq__Port=$TS_RABBIT_PORT"
    "RabbitMq__VirtualHost=/"
    "RabbitMq__Username=$TS_RABBIT_USER"
    "RabbitMq__Password=$TS_RABBIT_PASSWORD"
    "Authentication__Authority=$IDENTITY_URL"
    "Authentication__Audience=trustsafety-api"
    "Authentication__RequireHttpsMetadata=false"
    "Metrics__Port=$((port + 4000))"  # internal Prometheus listener: 9080, 9090, 9101-9105 (docs/layout.md)
  )
  if [ -n "$db" ]; then
    envs+=("ConnectionStrings__Postgres=Host=$TS_PG_HOST;Port=$TS_PG_PORT;Username=$TS_PG_USER;Password=$TS_PG_PASSWORD;Database=$db")
  fi
  log "starting $name on http://127.0.0.1:$port (log .run/logs/$name.log)"
  # Content root = project directory (as `dotnet run` does): appsettings*.json and wwwroot are found there.
  # setsid: own session, so Ctrl+C in this terminal reaches only this script, which then stops the pieces.
  ( cd "$ROOT/$dir" && exec env "${envs[@]}" "$@" setsid dotnet "$dll" ) >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
  STARTED+=("$name|$port")
}

fail_piece() { # name reason
  echo "[run] $1 $2. Last lines of .run/logs/$1.log:" >&2
  tail -n 40 "$LOG_DIR/$1.log" >&2 || true
  exit 1
}

DEADLINE=$((SECONDS + READY_TIMEOUT))
wait_ready() { # name|port ...
  local item name port pid pending=("$@") next
  while [ "${#pending[@]}" -gt 0 ]; do
    next=()
    for item in "${pending[@]}"; do
      IFS='|' read -r name port <<<"$item"
      pid="$(cat "$PID_DIR/$name.pid" 2>/dev/null || true)"
      # plain kill -0: a just-started pid may still be in its env/setsid exec chain
      { [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; } || fail_piece "$name" "exited before it became ready"
      if [ "$(http_status "http://127.0.0.1:$port/health/ready")" = 200 ]; then
        log "$name ready"
      else
        next+=("$item")
      fi
    done
    pending=("${next[@]+"${next[@]}"}")
    [ "${#pending[@]}" -gt 0 ] || break
    if [ $SECONDS -ge $DEADLINE ]; then
      for item in "${pending[@]}"; do IFS='|' read -r name port <<<"$item"; fail_piece "$name" "not ready (GET /health/ready != 200) within ${READY_TIMEOUT} s"; done
    fi
    sleep 1
  done
}

# filtering-ingest's client-credentials secret at identity (local-demo default; set TS_INGEST_CLIENT_SECRET to override)
INGEST_CLIENT_SECRET="${TS_INGEST_CLIENT_SECRET:-LOCAL-DEMO-ONLY-filtering-ingest-client-secret-change-me}"

# 1. identity
start_piece "$IDENTITY" \
  "Identity__DemoTrust=true" \
  "Identity__ServiceClients__0__ClientId=filtering-ingest" \
  "Identity__ServiceClients__0__ClientSecret=$INGEST_CLIENT_SECRET" \
  "Identity__ServiceClients__0__Roles__0=service"
[ "${#STARTED[@]}" -eq 0 ] || wait_ready "${STARTED[@]}"

# 2. services, in parallel
n_before=${#STARTED[@]}
for entry in "${SERVICES[@]}"; do
  case "$entry" in
    filtering-ingest\|*) start_piece "$entry" \
      "Ingest__DeviceRegisterUrl=http://127.0.0.1:5103/" \
      "Ingest__ServiceClient__TokenEndpoint=${IDENTITY_URL}connect/token" \
      "Ingest__ServiceClient__ClientId=filtering-ingest" \
      "Ingest__ServiceClient__ClientSecret=$INGEST_CLIENT_SECRET" ;;
    *) start_piece "$entry" ;;
  esac
done
[ "${#STARTED[@]}" -eq "$n_before" ] || wait_ready "${STARTED[@]:$n_before}"

# 3. gateway, pointed at every cluster
n_before=${#STARTED[@]}
start_piece "$GATEWAY" \
  "ReverseProxy__Clusters__identity__Destinations__d1__Address=http://127.0.0.1:5090/" \
  "ReverseProxy__Clusters__incident__Destinations__d1__Address=http://127.0.0.1:5101/" \
  "ReverseProxy__Clusters__consent__Destinations__d1__Address=http://127.0.0.1:5102/" \
  "ReverseProxy__Clusters__device-register__Destinations__d1__Address=http://127.0.0.1:5103/" \
  "ReverseProxy__Clusters__filtering-ingest__Destinations__d1__Address=http://127.0.0.1:5104/" \
  "ReverseProxy__Clusters__reporting__Destinations__d1__Address=http://127.0.0.1:5105/"
[ "${#STARTED[@]}" -eq "$n_before" ] || wait_ready "${STARTED[@]:$n_before}"

[ "${#STARTED[@]}" -gt 0 ] || { warn "nothing to start (no project built yet)"; exit 1; }

# 4. demo data
if [ -f tools/seed-demo.sh ]; then
  log "seeding demo data (tools/seed-demo.sh)"
  TS_GATEWAY_URL="$GATEWAY_URL" TS_IDENTITY_URL="$IDENTITY_URL" bash tools/seed-demo.sh \
    || warn "tools/seed-demo.sh failed (the platform still runs)"
fi

cat <<EOF

TrustSafety is running ($(printf '%s ' "${STARTED[@]%%|*}")).
  Gateway / API : $GATEWAY_URL
  Dashboard     : $GATEWAY_URL/
  Logs          : .run/logs/<piece>.log
  Get a token   :
    curl -s -X POST $GATEWAY_URL/connect/token -d grant_type=password -d client_id=trustsafety-cli -d username=dsl.blakehill -d password=demo-password -d scope="openid profile roles school api"
  Stop          : Ctrl+C here, or ./run.sh stop

EOF

if [ "${TS_RUN_DETACH:-0}" = 1 ]; then
  KEEP_RUNNING=1
  log "detached; stop with ./run.sh stop"
  exit 0
fi

# 5. foreground: watch the pieces until Ctrl+C or ./run.sh stop
declare -A reported=()
while :; do
  alive=0
  for item in "${STARTED[@]}"; do
    name="${item%%|*}"
    [ -f "$PID_DIR/$name.pid" ] || continue
    if pid_alive "$(cat "$PID_DIR/$name.pid" 2>/dev/null || true)"; then
      alive=$((alive + 1))
    elif [ -z "${reported[$name]:-}" ]; then
      reported[$name]=1
      warn "$name exited; last lines of .run/logs/$name.log:"; tail -n 20 "$LOG_DIR/$name.log" >&2 || true
    fi
  done
  if [ "$alive" -eq 0 ]; then log "no piece is running any more"; exit 0; fi
  sleep 2 & wait $! || true
done
