#!/usr/bin/env bash
# Runs the whole TrustSafety platform locally.
#   ./run.sh           infra, build (Release), start identity -> services -> gateway, seed demo data,
#                      then stay in the foreground; Ctrl+C stops everything this script started.
#   ./run.sh stop      stop the pieces started by a previous ./run.sh (from any shell).
#   ./run.sh status    show which pieces run.
# Environment:
#   TS_RUN_DETACH=1    start, wait until ready, seed, then return and leave the pieces running.
#   TS_RUN_HISTORY_MONTHS=N  months of demo reporting history to publish (default 6; 0 = none).
#   TS_RUN_NO_BUILD=1  skip `dotnet build` (use the existing Release output).
#   TS_RUN_PORT_OFFSET=N  add N to every port (gateway 5080, identity 5090, services 5101-5107, SMTP sink 2525), e.g. for a second copy.
#   TS_RUN_PORT_WAIT=S    how long to wait for a port another process still holds before giving up (default 30 s).
# Logs: .run/logs/<piece>.log (starts with a "[run] starting" line, ends with "[run] ... exited with code N" and why)
# pids: .run/pids/<piece>.pid (the dotnet process, leader of its own process group), <piece>.exit (its exit code)
# infrastructure: .run/infra.env
# mail: a local SMTP sink (Debian's python3-aiosmtpd) on 127.0.0.1:2525 keeps every email notifications sends in .run/mail/new/
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
RUN_DIR="$ROOT/.run"; LOG_DIR="$RUN_DIR/logs"; PID_DIR="$RUN_DIR/pids"
mkdir -p "$LOG_DIR" "$PID_DIR"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

OFFSET="${TS_RUN_PORT_OFFSET:-0}"
P_GATEWAY=$((5080 + OFFSET)); P_IDENTITY=$((5090 + OFFSET))
P_INCIDENT=$((5101 + OFFSET)); P_CONSENT=$((5102 + OFFSET)); P_DEVICES=$((5103 + OFFSET))
P_INGEST=$((5104 + OFFSET)); P_REPORTING=$((5105 + OFFSET))
P_NOTIFICATIONS=$((5106 + OFFSET)); P_GOVERNANCE=$((5107 + OFFSET)); P_SMTP=$((2525 + OFFSET))
MAIL_DIR="$RUN_DIR/mail"; SMTP_PID="$RUN_DIR/smtp-sink.pid"
GATEWAY_URL="http://127.0.0.1:$P_GATEWAY"
IDENTITY_URL="http://127.0.0.1:$P_IDENTITY/"
READY_TIMEOUT="${TS_RUN_READY_TIMEOUT:-240}"
PORT_WAIT="${TS_RUN_PORT_WAIT:-30}"

# name | project | port | database   (docs/layout.md)
IDENTITY="identity|services/identity/TrustSafety.Identity.csproj|$P_IDENTITY|trustsafety_identity"
SERVICES=(
  "incident|services/incident/TrustSafety.Incident.csproj|$P_INCIDENT|trustsafety_incident"
  "consent|services/consent/TrustSafety.Consent.csproj|$P_CONSENT|trustsafety_consent"
  "device-register|services/device-register/TrustSafety.DeviceRegister.csproj|$P_DEVICES|trustsafety_device_register"
  "filtering-ingest|services/filtering-ingest/TrustSafety.FilteringIngest.csproj|$P_INGEST|trustsafety_filtering_ingest"
  "reporting|services/reporting/TrustSafety.Reporting.csproj|$P_REPORTING|trustsafety_reporting"
  "notifications|services/notifications/TrustSafety.Notifications.csproj|$P_NOTIFICATIONS|trustsafety_notifications"
  "governance|services/governance/TrustSafety.Governance.csproj|$P_GOVERNANCE|trustsafety_governance"
)
GATEWAY="gateway|gateway/TrustSafety.Gateway/TrustSafety.Gateway.csproj|$P_GATEWAY|"

# The launcher (start, watch, wait for ports and readiness, stop) is shared with bench/run.sh.
LAUNCHER=run; LAUNCHER_SCRIPT=./run.sh; LAUNCHER_PORT_HINT=" (or set TS_RUN_PORT_OFFSET)"
# shellcheck source=infra/launcher.sh
. "$ROOT/infra/launcher.sh"

# ------------------------------------------------------------------ SMTP sink (the school's relay, locally)
smtp_python() { # -> a python3 that has aiosmtpd (Debian's python3-aiosmtpd installs it for /usr/bin/python3)
  local py
  for py in /usr/bin/python3 python3; do
    command -v "$py" >/dev/null 2>&1 && "$py" -c 'import aiosmtpd' 2>/dev/null && { echo "$py"; return 0; }
  done
  return 1
}

start_smtp_sink() {
  local py
  if ! py="$(smtp_python)"; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
      log "installing python3-aiosmtpd (the local SMTP sink)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null 2>&1 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null 2>&1; } || true
    fi
    py="$(smtp_python)" || { warn "no SMTP sink (apt-get install python3-aiosmtpd): notifications records its emails as failing"; return 0; }
  fi
  mkdir -p "$MAIL_DIR/tmp" "$MAIL_DIR/new" "$MAIL_DIR/cur"   # a Maildir: aiosmtpd refuses a bare folder
  wait_for_ports "$P_SMTP|smtp-sink"
  log "starting the SMTP sink on 127.0.0.1:$P_SMTP (mail lands in .run/mail/new/)"
  setsid "$py" -m aiosmtpd -n -l "127.0.0.1:$P_SMTP" -c aiosmtpd.handlers.Mailbox "$MAIL_DIR" \
    >>"$LOG_DIR/smtp-sink.log" 2>&1 </dev/null &
  echo $! >"$SMTP_PID"
}

stop_smtp_sink() {
  local pid; pid="$(cat "$SMTP_PID" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q aiosmtpd; then
    log "stopping smtp-sink (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  fi
  rm -f "$SMTP_PID"
}

stop_all() {
  stop_smtp_sink
  stop_pieces
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

# A port still held (e.g. by a test host that is still shutting down) is waited for, then reported with its holder.
port_items=()
for entry in "$IDENTITY" "${SERVICES[@]}" "$GATEWAY"; do
  IFS='|' read -r name proj port db <<<"$entry"
  port_items+=("$port|$name")
done
wait_for_ports "${port_items[@]}"

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
    "Metrics__Port=$((port + 4000))"  # internal Prometheus listener: 9080, 9090, 9101-9106 (docs/layout.md)
  )
  if [ -n "$db" ]; then
    envs+=("ConnectionStrings__Postgres=Host=$TS_PG_HOST;Port=$TS_PG_PORT;Username=$TS_PG_USER;Password=$TS_PG_PASSWORD;Database=$db")
  fi
  # Content root = project directory (as `dotnet run` does): appsettings*.json and wwwroot are found there.
  launch_piece "$name" "$dll" "$port" "$ROOT/$dir" "${envs[@]}" "$@"
}

READY_DEADLINE=$((SECONDS + READY_TIMEOUT))   # for wait_ready (infra/launcher.sh)

# filtering-ingest's client-credentials secret at identity (local-demo default; set TS_INGEST_CLIENT_SECRET to override)
INGEST_CLIENT_SECRET="${TS_INGEST_CLIENT_SECRET:-LOCAL-DEMO-ONLY-filtering-ingest-client-secret-change-me}"

# 1. identity
start_piece "$IDENTITY" \
  "Identity__DemoTrust=true" \
  "Identity__Issuer=$IDENTITY_URL" \
  "Identity__DashboardRedirectUris__0=$GATEWAY_URL/signin-callback.html" \
  "Identity__DashboardRedirectUris__1=http://localhost:$P_GATEWAY/signin-callback.html" \
  "Identity__DashboardPostLogoutRedirectUris__0=$GATEWAY_URL/" \
  "Identity__DashboardPostLogoutRedirectUris__1=http://localhost:$P_GATEWAY/" \
  "Identity__ServiceClients__0__ClientId=filtering-ingest" \
  "Identity__ServiceClients__0__ClientSecret=$INGEST_CLIENT_SECRET" \
  "Identity__ServiceClients__0__Roles__0=service"
[ "${#STARTED[@]}" -eq 0 ] || wait_ready "${STARTED[@]}"

# 2. services, in parallel (notifications mails the local SMTP sink)
start_smtp_sink
n_before=${#STARTED[@]}
for entry in "${SERVICES[@]}"; do
  case "$entry" in
    filtering-ingest\|*) start_piece "$entry" \
      "Ingest__DeviceRegisterUrl=http://127.0.0.1:$P_DEVICES/" \
      "Ingest__ServiceClient__TokenEndpoint=${IDENTITY_URL}connect/token" \
      "Ingest__ServiceClient__ClientId=filtering-ingest" \
      "Ingest__ServiceClient__ClientSecret=$INGEST_CLIENT_SECRET" ;;
    notifications\|*) start_piece "$entry" \
      "Notifications__DashboardBaseUrl=$GATEWAY_URL/" \
      "Notifications__Smtp__Host=127.0.0.1" \
      "Notifications__Smtp__Port=$P_SMTP" \
      "Notifications__Smtp__UseTls=false" ;;
    *) start_piece "$entry" ;;
  esac
done
[ "${#STARTED[@]}" -eq "$n_before" ] || wait_ready "${STARTED[@]:$n_before}"

# 3. gateway, pointed at every cluster
n_before=${#STARTED[@]}
start_piece "$GATEWAY" \
  "ReverseProxy__Clusters__identity__Destinations__d1__Address=http://127.0.0.1:$P_IDENTITY/" \
  "ReverseProxy__Clusters__incident__Destinations__d1__Address=http://127.0.0.1:$P_INCIDENT/" \
  "ReverseProxy__Clusters__consent__Destinations__d1__Address=http://127.0.0.1:$P_CONSENT/" \
  "ReverseProxy__Clusters__device-register__Destinations__d1__Address=http://127.0.0.1:$P_DEVICES/" \
  "ReverseProxy__Clusters__filtering-ingest__Destinations__d1__Address=http://127.0.0.1:$P_INGEST/" \
  "ReverseProxy__Clusters__reporting__Destinations__d1__Address=http://127.0.0.1:$P_REPORTING/" \
  "ReverseProxy__Clusters__notifications__Destinations__d1__Address=http://127.0.0.1:$P_NOTIFICATIONS/" \
  "ReverseProxy__Clusters__governance__Destinations__d1__Address=http://127.0.0.1:$P_GOVERNANCE/"
[ "${#STARTED[@]}" -eq "$n_before" ] || wait_ready "${STARTED[@]:$n_before}"

[ "${#STARTED[@]}" -gt 0 ] || { warn "nothing to start (no project built yet)"; exit 1; }

# 4. demo data
if [ -f tools/seed-demo.sh ]; then
  log "seeding demo data (tools/seed-demo.sh)"
  TS_GATEWAY_URL="$GATEWAY_URL" TS_IDENTITY_URL="$IDENTITY_URL" bash tools/seed-demo.sh \
    || warn "tools/seed-demo.sh failed (the platform still runs)"
fi
history_dll="$ROOT/tools/TrustSafety.DemoHistory/bin/Release/net10.0/TrustSafety.DemoHistory.dll"
if [ -f "$history_dll" ] && [ "${TS_RUN_HISTORY_MONTHS:-6}" -gt 0 ]; then
  # Months of concerns, referrals, filter volume and alerts per school, as integration events reporting takes in like
  # live ones, so the trends, heat map and packs mean something; idempotent, so a second ./run.sh adds nothing.
  log "giving the demo trust ${TS_RUN_HISTORY_MONTHS:-6} months of reporting history (tools/TrustSafety.DemoHistory)"
  TS_RABBIT_HOST="$TS_RABBIT_HOST" TS_RABBIT_PORT="$TS_RABBIT_PORT" TS_RABBIT_USER="$TS_RABBIT_USER" TS_RABBIT_PASSWORD="$TS_RABBIT_PASSWORD" \
    dotnet "$history_dll" --months "${TS_RUN_HISTORY_MONTHS:-6}" || warn "the demo history could not be published (the platform still runs)"
fi

cat <<EOF

TrustSafety is running ($(printf '%s ' "${STARTED[@]%%|*}")).
  Gateway / API : $GATEWAY_URL
  Dashboard     : $GATEWAY_URL/
  Logs          : .run/logs/<piece>.log
  Mail          : .run/mail/new/ (every email notifications sends, one file each; SMTP sink on 127.0.0.1:$P_SMTP)
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
      warn "$name exited with code $(exit_code_of "$name"); last lines of .run/logs/$name.log:"; tail -n 20 "$LOG_DIR/$name.log" >&2 || true
    fi
  done
  if [ "$alive" -eq 0 ]; then log "no piece is running any more"; exit 0; fi
  sleep 2 & wait $! || true
done
