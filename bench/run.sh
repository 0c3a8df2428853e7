#!/usr/bin/env bash
# Bounded loopback benchmark of filtering-ingest, direct and through the gateway, with freshness measured to reporting's
# view (see RESULTS.md). Usage: bench/run.sh [soak|quick]
#   quick: warm-up, then the two max-rate phases through the gateway (singles, batches): a before/after check while
#   working, ~1 min; writes only bench/out/, never results.json
#   SECONDS_PER_RUN (default 20)   BENCH_NO_BUILD=1 (use the existing Release output)   SOAK_SECONDS (default 600)
#   INGEST_BIN=<folder with TrustSafety.FilteringIngest.dll>, REPORTING_BIN=<folder with TrustSafety.Reporting.dll>: measure
#   another build (e.g. the previous commit) the same way
#   BENCH_PORT_WAIT (default 5 s) for a bench port still held; BENCH_KEEP_DATABASES=1 keeps bench_* afterwards
# Starts its own identity, filtering-ingest, reporting and gateway (the real Release builds, with ./run.sh's launcher,
# infra/launcher.sh) on bench ports 5190/5194/5195/5180 (checked free first) with throw-away databases (dropped on exit)
# and a throw-away RabbitMQ vhost, on the PostgreSQL and RabbitMQ that .run/infra.env names, so it neither disturbs nor
# is disturbed by a running ./run.sh platform; stops them all on exit. Its Python is in bench/*.py.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out; mkdir -p "$OUT/pids"; rm -f "$OUT"/*.json "$OUT"/*.txt
RUN=${SECONDS_PER_RUN:-20}
# PostgreSQL and RabbitMQ as ./test.sh and ./run.sh find them (infra/setup.sh installs or starts them and writes the file).
[[ -f .run/infra.env ]] || infra/setup.sh
# shellcheck disable=SC1091
. .run/infra.env
PG="Host=$TS_PG_HOST;Port=$TS_PG_PORT;Username=$TS_PG_USER;Password=$TS_PG_PASSWORD"
P_IDENTITY=5190; P_INGEST=5194; P_REPORTING=5195; P_GATEWAY=5180
IDP=http://127.0.0.1:$P_IDENTITY/; INGEST=http://127.0.0.1:$P_INGEST; REPORTING=http://127.0.0.1:$P_REPORTING; GATEWAY=http://127.0.0.1:$P_GATEWAY
DATABASES=(bench_identity bench_filtering_ingest bench_reporting)
VHOST=bench-$$
export PGPASSWORD=$TS_PG_PASSWORD DOTNET_CLI_TELEMETRY_OPTOUT=1

# ./run.sh's launcher: each piece in its own process group with a watcher (bench/out/<piece>.log ends with how it
# exited), ports checked before starting, readiness waited for, everything stopped on exit.
LAUNCHER=bench; LAUNCHER_SCRIPT=bench/run.sh; LAUNCHER_PORT_HINT=" (a ./run.sh platform with TS_RUN_PORT_OFFSET=100, or an earlier bench?)"
LOG_DIR=$OUT; PID_DIR=$OUT/pids; PORT_WAIT=${BENCH_PORT_WAIT:-5}; STARTED=()
# shellcheck source=infra/launcher.sh
. infra/launcher.sh
wait_for_ports "$P_IDENTITY|identity" "$P_INGEST|ingest" "$P_REPORTING|reporting" "$P_GATEWAY|gateway"

PROJECTS=(services/identity/TrustSafety.Identity.csproj services/filtering-ingest/TrustSafety.FilteringIngest.csproj
  services/reporting/TrustSafety.Reporting.csproj gateway/TrustSafety.Gateway/TrustSafety.Gateway.csproj
  bench/TrustSafety.LoadGenerator/TrustSafety.LoadGenerator.csproj)
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  echo "== build (Release)"
  for p in "${PROJECTS[@]}"; do dotnet build -c Release -v q -nologo "$p" >/dev/null; done
fi
GEN="dotnet bench/TrustSafety.LoadGenerator/bin/Release/net10.0/TrustSafety.LoadGenerator.dll"

psql_admin() { psql -h "$TS_PG_HOST" -p "$TS_PG_PORT" -U "$TS_PG_USER" -d postgres -q "$@"; }
KEYS=$(mktemp -d)
cleanup() {
  stop_pieces
  rabbitmqctl -q delete_vhost "$VHOST" 2>/dev/null || true
  # The throw-away databases go too (BENCH_KEEP_DATABASES=1 keeps them to look at).
  if [[ "${BENCH_KEEP_DATABASES:-0}" != 1 ]]; then
    for db in "${DATABASES[@]}"; do psql_admin -c "drop database if exists $db with (force)" || true; done
  fi
  rm -rf "$KEYS"
}
trap cleanup EXIT
for db in "${DATABASES[@]}"; do psql_admin -c "drop database if exists $db with (force)" -c "create database $db"; done
rabbitmqctl -q add_vhost "$VHOST" && rabbitmqctl -q set_permissions -p "$VHOST" "$TS_RABBIT_USER" '.*' '.*' '.*'

COMMON=(Authentication__Authority=$IDP Authentication__RequireHttpsMetadata=false RabbitMq__Host=$TS_RABBIT_HOST RabbitMq__Port=$TS_RABBIT_PORT RabbitMq__Username=$TS_RABBIT_USER RabbitMq__Password=$TS_RABBIT_PASSWORD RabbitMq__VirtualHost=$VHOST Logging__LogLevel__Default=Warning)
start() { # name bin-dir dll port db extra-env...   (content root: the bin folder, as in the images)
  local name=$1 dir=$2 dll=$3 port=$4 db=$5; shift 5
  local envs=(ASPNETCORE_URLS=http://127.0.0.1:$port Metrics__Port=$((port + 4000)) "${COMMON[@]}")
  [[ -n "$db" ]] && envs+=("ConnectionStrings__Postgres=$PG;Database=$db")
  [[ "$dir" = /* ]] || dir=$ROOT/$dir
  launch_piece "$name" "$dir/$dll" "$port" "$dir" "${envs[@]}" "$@"
}
echo "== start identity :$P_IDENTITY, filtering-ingest :$P_INGEST, reporting :$P_REPORTING, gateway :$P_GATEWAY"
start identity services/identity/bin/Release/net10.0 TrustSafety.Identity.dll $P_IDENTITY bench_identity \
  Identity__DemoTrust=true Identity__Issuer=$IDP Identity__SigningKeyPath=$KEYS/s.pem Identity__EncryptionKeyPath=$KEYS/e.pem Identity__DataProtectionKeysPath=$KEYS/dp
# The ingest connection string is the one appsettings.json ships (pool of 60); ./run.sh passes none.
# shellcheck disable=SC2086
start ingest "${INGEST_BIN:-services/filtering-ingest/bin/Release/net10.0}" TrustSafety.FilteringIngest.dll $P_INGEST "bench_filtering_ingest;Maximum Pool Size=60${INGEST_PG_EXTRA:-}" \
  Ingest__Syslog__TcpPort=0 Ingest__Syslog__UdpPort=0 ${INGEST_ENV:-}
start reporting "${REPORTING_BIN:-services/reporting/bin/Release/net10.0}" TrustSafety.Reporting.dll $P_REPORTING bench_reporting
start gateway gateway/TrustSafety.Gateway/bin/Release/net10.0 TrustSafety.Gateway.dll $P_GATEWAY "" \
  ReverseProxy__Clusters__identity__Destinations__d1__Address=$IDP \
  ReverseProxy__Clusters__filtering-ingest__Destinations__d1__Address=$INGEST/ \
  ReverseProxy__Clusters__reporting__Destinations__d1__Address=$REPORTING/
# The gateway is ready on its own health (the services it does not have here are only a status, not its readiness).
READY_DEADLINE=$((SECONDS + ${BENCH_READY_TIMEOUT:-240}))
wait_ready "${STARTED[@]}"
INGEST_PID=$(cat "$PID_DIR/ingest.pid")
rss() { ps -o rss= -p "$INGEST_PID" | tr -d ' '; }
backlog() { rabbitmqctl -q list_queues -p "$VHOST" messages 2>/dev/null | awk '$1 ~ /^[0-9]+$/ {s += $1} END {print s + 0}'; }
cpu_start() { python3 bench/cpu_share.py start "$OUT/cpu.tmp"; }
cpu_stop() { python3 bench/cpu_share.py stop "$OUT/cpu.tmp" > "$OUT/$1.cpu.json"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# The bulk load goes to Caldecote's source (registered by the trust IT admin); freshness markers go to Blakehill's own
# sources, so reporting's /it/coverage for Blakehill stays small while it measures the same pipeline under the load.
REG=$($GEN --mode register --url $INGEST --token-url ${IDP}connect/token --user it.admin --school 141002)
SRC=$(echo "$REG" | python3 bench/json_field.py source)
SECRET=$(echo "$REG" | python3 bench/json_field.py secret)
DIRECT="--url $INGEST --source $SRC --secret $SECRET"
VIA_GW="--url $GATEWAY/api/filtering-ingest --source $SRC --secret $SECRET"
FRESH="--token-url ${IDP}connect/token --user it.blakehill --school 141001 --reporting-url $REPORTING"

if [[ "${1:-}" == "soak" ]]; then
  SOAK=${SOAK_SECONDS:-600}; RATE=${SOAK_RATE:-100}
  echo "== soak: $SOAK s of batches of 100 at $RATE req/s through the gateway, ingest memory every ${SOAK_SAMPLE_SECONDS:-15} s"
  # RSS, and what the runtime reports on /metrics: the managed heap after the last collection (all generations; gen2 +
  # LOH alone, i.e. what survives), the memory the GC has committed, thread-pool threads and JIT-compiled IL. RSS also
  # holds what server GC keeps committed and native memory; the split shows which one moves.
  metric() { awk -v re="$1" '$0 ~ re {s += $NF} END {printf "%d", s}' "$OUT/metrics.tmp"; }
  ( echo "t_s ingest_rss_kb heap_after_gc_kb gen2_loh_kb gc_committed_kb threads jit_il_kb gen2_collections load1 reporting_backlog"; t0=$(date +%s)
    while kill -0 "$INGEST_PID" 2>/dev/null; do
      curl -sf "$INGEST/metrics" > "$OUT/metrics.tmp" || : > "$OUT/metrics.tmp"
      echo "$(( $(date +%s) - t0 )) $(rss) $(( $(metric '^dotnet_gc_last_collection_heap_size_bytes') / 1024 ))" \
        "$(( $(metric '^dotnet_gc_last_collection_heap_size_bytes.*(gen2|loh)') / 1024 ))" \
        "$(( $(metric '^dotnet_gc_last_collection_memory_committed_size_bytes') / 1024 ))" \
        "$(metric '^dotnet_thread_pool_thread_count')" "$(( $(metric '^dotnet_jit_compiled_il_size_bytes') / 1024 ))" \
        "$(metric '^dotnet_gc_collections_total.*gen2')" "$(cut -d' ' -f1 /proc/loadavg) $(backlog)"
      sleep "${SOAK_SAMPLE_SECONDS:-15}"
    done ) > "$OUT/soak-rss.txt" &
  SAMPLER=$!   # ends with ingest (stop_pieces) if the script stops early
  cpu_start
  $GEN --mode batch $VIA_GW --batch 100 --concurrency 8 --rate "$RATE" --seconds "$SOAK" | tee "$OUT/soak.json"
  cpu_stop soak; sleep 1; kill $SAMPLER 2>/dev/null || true
  cat "$OUT/soak-rss.txt"
  # Flat or growing? Least-squares slope of RSS and of the heap after GC over the second half (after warm-up).
  python3 bench/soak_memory.py "$OUT/soak-rss.txt" | tee "$OUT/soak-memory.json"
  exit 0
fi

phase() { # name generator-args...
  local name=$1; shift
  echo "== $name (load $(load))"
  local before; before=$(load); cpu_start
  $GEN "$@" > "$OUT/$name.json"
  cpu_stop "$name"
  python3 bench/phase_record.py "$OUT/$name.json" "$before" "$(load)" "$OUT/$name.cpu.json"
}
rate70() { python3 bench/json_field.py requests_per_s "$OUT/$1.json" --times 0.7; }

# Warm both paths and both shapes first (JIT tiering), then alternate direct and gateway so drift in the shared
# machine's load does not all land on one side of gateway_vs_direct.
phase warmup-batch  --mode batch  $VIA_GW --batch 100 --concurrency 8  --seconds 8 >/dev/null
phase warmup-single --mode single $DIRECT             --concurrency 32 --seconds 8 >/dev/null
if [[ "${1:-}" == "quick" ]]; then
  phase gateway-single-max --mode single $VIA_GW --concurrency 32 --seconds "$RUN"
  phase gateway-batch-max  --mode batch  $VIA_GW --batch 100 --concurrency 8 --seconds "$RUN"
  exit 0
fi
RSS_START=$(rss)
# The trust lead's overview through the gateway (three years), quiet and then while vendors push batches at full rate.
python3 bench/overview_probe.py $GATEWAY ${IDP%/} 10 > "$OUT/overview-quiet.json"; echo "overview quiet: $(cat "$OUT/overview-quiet.json")"
phase direct-batch-max   --mode batch  $DIRECT --batch 100 --concurrency 8  --seconds "$RUN"
python3 bench/overview_probe.py $GATEWAY ${IDP%/} "$RUN" > "$OUT/overview-under-load.json" &
PROBE_PID=$!
phase gateway-batch-max  --mode batch  $VIA_GW --batch 100 --concurrency 8  --seconds "$RUN"
wait $PROBE_PID; echo "overview under full batch load: $(cat "$OUT/overview-under-load.json")"
phase direct-single-max  --mode single $DIRECT             --concurrency 32 --seconds "$RUN"
phase gateway-single-max --mode single $VIA_GW             --concurrency 32 --seconds "$RUN"
# The max-rate phases leave reporting a backlog of FilterEventsAccepted (one message per accepted request); freshness is
# measured once it has drained, so it shows the pipeline at the 70 % rate, not the queue left by the phases before.
BACKLOG=$(backlog); T0=$SECONDS
while [[ "$(backlog)" -gt 0 && $((SECONDS - T0)) -lt ${DRAIN_MAX_SECONDS:-240} ]]; do sleep 2; done
echo "{\"backlog_messages\": $BACKLOG, \"drain_s\": $((SECONDS - T0)), \"left\": $(backlog)}" > "$OUT/drain.json"; echo "== reporting drained: $(cat "$OUT/drain.json")"
# Freshness under the 70 % batch load: markers through the gateway every 500 ms, reporting polled every 50 ms; the
# older probe (202 → the batch's FilterEventsAccepted on RabbitMQ) runs alongside for comparison.
MARKERS=$(( (RUN - 3) * 2 ))
$GEN --mode freshness --url $GATEWAY/api/filtering-ingest $FRESH --markers "$MARKERS" --interval-ms 500 --poll-ms 50 > "$OUT/freshness.json" &
FRESH_PID=$!
phase gateway-batch-70   --mode batch  $VIA_GW --batch 100 --concurrency 8  --seconds "$RUN" --rate "$(rate70 gateway-batch-max)" --rabbit-vhost "$VHOST"
echo "{\"backlog_after_70pct_batch\": $(backlog)}" > "$OUT/backlog-after.json"
wait $FRESH_PID; echo "freshness: $(cat "$OUT/freshness.json")"
phase direct-batch-70    --mode batch  $DIRECT --batch 100 --concurrency 8  --seconds "$RUN" --rate "$(rate70 direct-batch-max)"
phase direct-single-70   --mode single $DIRECT             --concurrency 32 --seconds "$RUN" --rate "$(rate70 direct-single-max)"
phase gateway-single-70  --mode single $VIA_GW             --concurrency 32 --seconds "$RUN" --rate "$(rate70 gateway-single-max)"
RSS_END=$(rss)
phase copy --mode copy --postgres "$PG;Database=bench_filtering_ingest" --rows 200000 --batch 100

python3 bench/summarise.py "$OUT" "$RSS_START" "$RSS_END"
