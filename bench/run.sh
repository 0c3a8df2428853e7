#!/usr/bin/env bash
# Bounded loopback benchmark of filtering-ingest, direct and through the gateway, with freshness measured to reporting's
# view (see RESULTS.md). Usage: bench/run.sh [soak|quick]
#   quick: warm-up, then the two max-rate phases through the gateway (singles, batches): a before/after check while
#   working, ~1 min; writes only bench/out/, never results.json
#   SECONDS_PER_RUN (default 20)   BENCH_NO_BUILD=1 (use the existing Release output)   SOAK_SECONDS (default 600)
#   INGEST_BIN=<folder with TrustSafety.FilteringIngest.dll>, REPORTING_BIN=<folder with TrustSafety.Reporting.dll>: measure
#   another build (e.g. the previous commit) the same way
# Starts its own identity, filtering-ingest, reporting and gateway (the real Release builds, as ./run.sh starts them) on
# bench ports with throw-away databases and a throw-away RabbitMQ vhost, so it neither disturbs nor is disturbed by a
# running ./run.sh platform; stops them all on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out; mkdir -p "$OUT"; rm -f "$OUT"/*.json "$OUT"/*.txt
RUN=${SECONDS_PER_RUN:-20}
# PostgreSQL and RabbitMQ as ./test.sh and ./run.sh find them (infra/setup.sh installs or starts them and writes the file).
[[ -f .run/infra.env ]] || infra/setup.sh
# shellcheck disable=SC1091
. .run/infra.env
PG="Host=$TS_PG_HOST;Port=$TS_PG_PORT;Username=$TS_PG_USER;Password=$TS_PG_PASSWORD"
IDP=http://127.0.0.1:5190/; INGEST=http://127.0.0.1:5194; REPORTING=http://127.0.0.1:5195; GATEWAY=http://127.0.0.1:5180
for port in 5190 5194 5195 5180; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "bench/run.sh: port $port is in use (a ./run.sh platform or an earlier bench?); stop it first" >&2; exit 1; fi
done
VHOST=bench-$$
export PGPASSWORD=$TS_PG_PASSWORD DOTNET_CLI_TELEMETRY_OPTOUT=1

PROJECTS=(services/identity/TrustSafety.Identity.csproj services/filtering-ingest/TrustSafety.FilteringIngest.csproj
  services/reporting/TrustSafety.Reporting.csproj gateway/TrustSafety.Gateway/TrustSafety.Gateway.csproj
  bench/TrustSafety.LoadGenerator/TrustSafety.LoadGenerator.csproj)
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  echo "== build (Release)"
  for p in "${PROJECTS[@]}"; do dotnet build -c Release -v q -nologo "$p" >/dev/null; done
fi
GEN="dotnet bench/TrustSafety.LoadGenerator/bin/Release/net10.0/TrustSafety.LoadGenerator.dll"

for db in bench_identity bench_filtering_ingest bench_reporting; do
  psql -h "$TS_PG_HOST" -p "$TS_PG_PORT" -U "$TS_PG_USER" -d postgres -qc "drop database if exists $db with (force)" -qc "create database $db"
done
rabbitmqctl -q add_vhost "$VHOST" && rabbitmqctl -q set_permissions -p "$VHOST" "$TS_RABBIT_USER" '.*' '.*' '.*'
KEYS=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rabbitmqctl -q delete_vhost "$VHOST" || true; rm -rf "$KEYS"; }
trap cleanup EXIT

COMMON=(Authentication__Authority=$IDP Authentication__RequireHttpsMetadata=false RabbitMq__Host=$TS_RABBIT_HOST RabbitMq__Port=$TS_RABBIT_PORT RabbitMq__Username=$TS_RABBIT_USER RabbitMq__Password=$TS_RABBIT_PASSWORD RabbitMq__VirtualHost=$VHOST Logging__LogLevel__Default=Warning)
start() { # name dir dll port db extra-env...
  local name=$1 dir=$2 dll=$3 port=$4 db=$5; shift 5
  local envs=(ASPNETCORE_URLS=http://127.0.0.1:$port "${COMMON[@]}")
  [[ -n "$db" ]] && envs+=("ConnectionStrings__Postgres=$PG;Database=$db")
  ( cd "$dir" && exec env "${envs[@]}" "$@" dotnet "$dll" >"$OUT/$name.log" 2>&1 ) &
  PIDS+=($!); eval "${name^^}_PID=$!"
}
echo "== start identity :5190, filtering-ingest :5194, reporting :5195, gateway :5180"
start identity services/identity/bin/Release/net10.0 TrustSafety.Identity.dll 5190 bench_identity \
  Identity__DemoTrust=true Identity__Issuer=$IDP Identity__SigningKeyPath=$KEYS/s.pem Identity__EncryptionKeyPath=$KEYS/e.pem Identity__DataProtectionKeysPath=$KEYS/dp
# The ingest connection string is the one appsettings.json ships (pool of 60); ./run.sh passes none.
start ingest "${INGEST_BIN:-services/filtering-ingest/bin/Release/net10.0}" TrustSafety.FilteringIngest.dll 5194 "bench_filtering_ingest;Maximum Pool Size=60${INGEST_PG_EXTRA:-}" \
  Ingest__Syslog__TcpPort=0 Ingest__Syslog__UdpPort=0 ${INGEST_ENV:-}
start reporting "${REPORTING_BIN:-services/reporting/bin/Release/net10.0}" TrustSafety.Reporting.dll 5195 bench_reporting
start gateway gateway/TrustSafety.Gateway/bin/Release/net10.0 TrustSafety.Gateway.dll 5180 "" \
  ReverseProxy__Clusters__identity__Destinations__d1__Address=$IDP \
  ReverseProxy__Clusters__filtering-ingest__Destinations__d1__Address=$INGEST/ \
  ReverseProxy__Clusters__reporting__Destinations__d1__Address=$REPORTING/
# The gateway's /health/ready also waits for incident, consent and device-register, which the bench does not start.
for url in ${IDP}health/ready $INGEST/health/ready $REPORTING/health/ready $GATEWAY/health/live; do
  for i in $(seq 1 180); do curl -sf "$url" >/dev/null && break; sleep 1; done
  curl -sf "$url" >/dev/null || { echo "not ready: $url"; tail -20 "$OUT"/*.log; exit 1; }
done
rss() { ps -o rss= -p "$INGEST_PID" | tr -d ' '; }
backlog() { rabbitmqctl -q list_queues -p "$VHOST" messages 2>/dev/null | awk '$1 ~ /^[0-9]+$/ {s += $1} END {print s + 0}'; }
cpu_start() { python3 bench/cpu_share.py start "$OUT/cpu.tmp"; }
cpu_stop() { python3 bench/cpu_share.py stop "$OUT/cpu.tmp" > "$OUT/$1.cpu.json"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# The bulk load goes to Caldecote's source (registered by the trust IT admin); freshness markers go to Blakehill's own
# sources, so reporting's /it/coverage for Blakehill stays small while it measures the same pipeline under the load.
REG=$($GEN --mode register --url $INGEST --token-url ${IDP}connect/token --user it.admin --school 141002)
SRC=$(echo "$REG" | python3 -c 'import json,sys;print(json.load(sys.stdin)["source"])')
SECRET=$(echo "$REG" | python3 -c 'import json,sys;print(json.load(sys.stdin)["secret"])')
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
  SAMPLER=$!; PIDS+=($SAMPLER)
  cpu_start
  $GEN --mode batch $VIA_GW --batch 100 --concurrency 8 --rate "$RATE" --seconds "$SOAK" | tee "$OUT/soak.json"
  cpu_stop soak; sleep 1; kill $SAMPLER 2>/dev/null || true
  cat "$OUT/soak-rss.txt"
  # Flat or growing? Least-squares slope of RSS and of the heap after GC over the second half (after warm-up).
  python3 - "$OUT/soak-rss.txt" <<'PY' | tee "$OUT/soak-memory.json"
import json, sys
rows = [l.split() for l in open(sys.argv[1]).read().splitlines()[1:] if len(l.split()) >= 3]
rows = [tuple(int(x) for x in r[:5]) for r in rows if all(x.isdigit() for x in r[:5])]
half = [r for r in rows if r[0] >= rows[-1][0] / 2]
def slope(points):
    n = len(points); mx = sum(p[0] for p in points) / n; my = sum(p[1] for p in points) / n
    den = sum((p[0] - mx) ** 2 for p in points) or 1
    return sum((p[0] - mx) * (p[1] - my) for p in points) / den
mib = lambda kb: round(kb / 1024, 1)
print(json.dumps({
  "samples": len(rows), "second_half_samples": len(half),
  "rss_mib": {"min": mib(min(r[1] for r in half)), "max": mib(max(r[1] for r in half)),
              "slope_mib_per_min": round(slope([(r[0], r[1]) for r in half]) * 60 / 1024, 2)},
  "heap_after_gc_mib": {"min": mib(min(r[2] for r in half)), "max": mib(max(r[2] for r in half)),
                        "slope_mib_per_min": round(slope([(r[0], r[2]) for r in half]) * 60 / 1024, 2)},
  "gen2_loh_mib": {"min": mib(min(r[3] for r in half)), "max": mib(max(r[3] for r in half)),
                   "slope_mib_per_min": round(slope([(r[0], r[3]) for r in half]) * 60 / 1024, 2)},
  "gc_committed_mib": {"min": mib(min(r[4] for r in half)), "max": mib(max(r[4] for r in half)),
                       "slope_mib_per_min": round(slope([(r[0], r[4]) for r in half]) * 60 / 1024, 2)},
}))
PY
  exit 0
fi

phase() { # name generator-args...
  local name=$1; shift
  echo "== $name (load $(load))"
  local before; before=$(load); cpu_start
  $GEN "$@" > "$OUT/$name.json"
  cpu_stop "$name"
  python3 - "$OUT/$name.json" "$before" "$(load)" "$OUT/$name.cpu.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); r["load_before"], r["load_after"], r["cpu_s"] = sys.argv[2], sys.argv[3], json.load(open(sys.argv[4]))
json.dump(r, open(sys.argv[1], "w")); print(json.dumps(r))
PY
}
rate70() { python3 -c "import json;print(max(1,int(0.7*json.load(open('$OUT/$1.json'))['requests_per_s'])))"; }

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

python3 - "$OUT" "$RSS_START" "$RSS_END" <<'PY'
import json, sys, platform, os
out, rss0, rss1 = sys.argv[1], sys.argv[2], sys.argv[3]
j = lambda n: json.load(open(os.path.join(out, n + ".json")))
gb, gs, gb70, gs70 = j("gateway-batch-max"), j("gateway-single-max"), j("gateway-batch-70"), j("gateway-single-70")
db, ds, db70, ds70 = j("direct-batch-max"), j("direct-single-max"), j("direct-batch-70"), j("direct-single-70")
fresh, copy, drain, after = j("freshness"), j("copy"), j("drain"), j("backlog-after")
quiet, loaded = j("overview-quiet"), j("overview-under-load")
phases = ["direct-batch-max", "gateway-batch-max", "direct-single-max", "gateway-single-max", "direct-batch-70", "direct-single-70",
          "gateway-batch-70", "gateway-single-70", "copy"]
results = {
  "measured_through": "gateway (the issue's targets are through the gateway); direct.* = straight to filtering-ingest",
  "ingest.batch100.events_per_s": gb["events_per_s"],
  "ingest.batch100.p99_ms": gb70["p99_ms"],
  "ingest.single.requests_per_s": gs["requests_per_s"],
  "ingest.single.p99_ms": gs70["p99_ms"],
  "freshness.p95_ms": fresh["freshness_p95_ms"],
  "baseline.copy_rows_per_s": copy["copy_rows_per_s"],
  "gateway_vs_direct": round(gb["events_per_s"] / db["events_per_s"], 3),
  "gateway_vs_direct.single": round(gs["requests_per_s"] / ds["requests_per_s"], 3),
  "ingest.batch100.p99_ms_at_max": gb["p99_ms"],
  "ingest.single.p99_ms_at_max": gs["p99_ms"],
  "direct.batch100.events_per_s": db["events_per_s"], "direct.batch100.p99_ms": db70["p99_ms"],
  "direct.single.requests_per_s": ds["requests_per_s"], "direct.single.p99_ms": ds70["p99_ms"],
  "freshness.p50_ms": fresh["freshness_p50_ms"], "freshness.max_ms": fresh["freshness_max_ms"],
  "freshness.markers_visible": f'{fresh["visible"]}/{fresh["markers"]}',
  "freshness.to_rabbitmq_p95_ms": gb70["freshness_p95_ms"],
  "reporting.backlog_after_max_phases_messages": drain["backlog_messages"], "reporting.backlog_drain_s": drain["drain_s"],
  "reporting.backlog_after_70pct_batch_messages": after["backlog_after_70pct_batch"],
  "reporting.overview_gateway_quiet.p95_ms": quiet["p95_ms"], "reporting.overview_gateway_quiet.p50_ms": quiet["p50_ms"],
  "reporting.overview_gateway_under_full_batch_load.p95_ms": loaded["p95_ms"],
  "reporting.overview_gateway_under_full_batch_load.p50_ms": loaded["p50_ms"],
  "reporting.overview_gateway_under_full_batch_load.calls": loaded["calls"],
  "reporting.overview_gateway_under_full_batch_load.failures": loaded["failures"],
  "memory.rss_kb_start": int(rss0 or 0), "memory.rss_kb_end": int(rss1 or 0),
  "load_average_before": {n: j(n)["load_before"] for n in phases},
  "cpu_s": {n: j(n)["cpu_s"] for n in phases},
  "machine": {"cores": os.cpu_count(), "os": platform.platform()},
}
# The trust-scale reporting figures (issue 13) come from bench/TrustSafety.ReportingBench's last `measure` run.
scale = os.path.join(os.path.dirname(out), "TrustSafety.ReportingBench", "bin", "Release", "net10.0", "reporting-results.json")
if os.path.exists(scale):
    results.update(json.load(open(scale)))
json.dump(results, open(os.path.join(os.path.dirname(out), "results.json"), "w"), indent=2)
print(json.dumps(results, indent=2))
PY
