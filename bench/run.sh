#!/usr/bin/env bash
# Bounded loopback benchmark of filtering-ingest (see RESULTS.md). Usage: bench/run.sh [soak]
#   SECONDS_PER_RUN (default 20), GATEWAY_URL (e.g. http://127.0.0.1:5080/api/filtering-ingest; measured only if it answers)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out; mkdir -p "$OUT"
RUN=${SECONDS_PER_RUN:-20}
PG="Host=127.0.0.1;Port=5432;Username=trustsafety;Password=trustsafety"
IDP_PORT=5190; INGEST_PORT=5194
IDP=http://127.0.0.1:$IDP_PORT/; INGEST=http://127.0.0.1:$INGEST_PORT
VHOST=bench-$$
export PGPASSWORD=trustsafety

echo "== build (Release)"
for p in services/identity/TrustSafety.Identity.csproj services/filtering-ingest/TrustSafety.FilteringIngest.csproj bench/TrustSafety.LoadGenerator/TrustSafety.LoadGenerator.csproj; do
  dotnet build -c Release -v q -nologo "$p" >/dev/null
done
GEN="dotnet bench/TrustSafety.LoadGenerator/bin/Release/net10.0/TrustSafety.LoadGenerator.dll"

for db in bench_identity bench_filtering_ingest; do
  psql -h 127.0.0.1 -U trustsafety -d postgres -qc "drop database if exists $db with (force)" -qc "create database $db"
done
rabbitmqctl -q add_vhost "$VHOST" && rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*'
KEYS=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rabbitmqctl -q delete_vhost "$VHOST" || true; rm -rf "$KEYS"; }
trap cleanup EXIT

echo "== start identity :$IDP_PORT and filtering-ingest :$INGEST_PORT"
( cd services/identity/bin/Release/net10.0 && ASPNETCORE_URLS=$IDP ConnectionStrings__Postgres="$PG;Database=bench_identity" \
  Identity__Issuer=$IDP Identity__SigningKeyPath=$KEYS/s.pem Identity__EncryptionKeyPath=$KEYS/e.pem Identity__DataProtectionKeysPath=$KEYS/dp \
  Logging__LogLevel__Default=Warning exec dotnet TrustSafety.Identity.dll >"$OUT/identity.log" 2>&1 ) & PIDS+=($!)
( cd services/filtering-ingest/bin/Release/net10.0 && ASPNETCORE_URLS=$INGEST ConnectionStrings__Postgres="$PG;Database=bench_filtering_ingest;Maximum Pool Size=60" \
  Authentication__Authority=$IDP RabbitMq__VirtualHost=$VHOST Ingest__Syslog__TcpPort=0 Ingest__Syslog__UdpPort=0 \
  Logging__LogLevel__Default=Warning exec dotnet TrustSafety.FilteringIngest.dll >"$OUT/ingest.log" 2>&1 ) & INGEST_PID=$!; PIDS+=($INGEST_PID)
for url in ${IDP}health/ready $INGEST/health/ready; do
  for i in $(seq 1 120); do curl -sf "$url" >/dev/null && break; sleep 1; done
done
rss() { ps -o rss= -p "$(pgrep -P $INGEST_PID -f TrustSafety.FilteringIngest.dll || echo $INGEST_PID)" | tr -d ' '; }

REG=$($GEN --mode register --url $INGEST --token-url ${IDP}connect/token --user it.blakehill)
SRC=$(echo "$REG" | python3 -c 'import json,sys;print(json.load(sys.stdin)["source"])')
SECRET=$(echo "$REG" | python3 -c 'import json,sys;print(json.load(sys.stdin)["secret"])')
L="--url $INGEST --source $SRC --secret $SECRET"

if [[ "${1:-}" == "soak" ]]; then
  echo "== soak: 600 s of batches at a fixed rate, RSS every 30 s"
  ( for i in $(seq 1 20); do echo "$(date +%s) $(rss)"; sleep 30; done ) > "$OUT/soak-rss.txt" &
  $GEN --mode batch $L --batch 100 --concurrency 8 --rate ${SOAK_RATE:-100} --seconds 600 | tee "$OUT/soak.json"
  exit 0
fi

echo "== warm-up";              $GEN --mode batch $L --batch 100 --concurrency 8 --seconds 5 > "$OUT/warmup.json"
RSS_START=$(rss)
echo "== batch100 max";         $GEN --mode batch $L --batch 100 --concurrency 8 --seconds $RUN | tee "$OUT/batch-max.json"
echo "== single max";           $GEN --mode single $L --concurrency 32 --seconds $RUN | tee "$OUT/single-max.json"
BATCH_RATE=$(python3 -c "import json;print(max(1,int(0.7*json.load(open('$OUT/batch-max.json'))['requests_per_s'])))")
SINGLE_RATE=$(python3 -c "import json;print(max(1,int(0.7*json.load(open('$OUT/single-max.json'))['requests_per_s'])))")
echo "== batch100 at 70% ($BATCH_RATE req/s) + freshness"
$GEN --mode batch $L --batch 100 --concurrency 8 --rate $BATCH_RATE --seconds $RUN --rabbit-vhost $VHOST | tee "$OUT/batch-70.json"
echo "== single at 70% ($SINGLE_RATE req/s)"
$GEN --mode single $L --concurrency 32 --rate $SINGLE_RATE --seconds $RUN | tee "$OUT/single-70.json"
RSS_END=$(rss)
echo "== baseline: COPY of the same rows";  $GEN --mode copy --postgres "$PG;Database=bench_filtering_ingest" --rows 200000 --batch 100 | tee "$OUT/copy.json"
GW=null
if [[ -n "${GATEWAY_URL:-}" ]] && curl -sf "${GATEWAY_URL%/api/*}/health/ready" >/dev/null 2>&1; then
  echo "== through the gateway"; $GEN --mode batch --url "$GATEWAY_URL" --source $SRC --secret $SECRET --batch 100 --concurrency 8 --seconds $RUN | tee "$OUT/batch-gateway.json"
  GW=$(python3 -c "import json;g=json.load(open('$OUT/batch-gateway.json'));d=json.load(open('$OUT/batch-max.json'));print(round(g['events_per_s']/d['events_per_s'],3))")
fi

python3 - "$OUT" "$GW" "$RSS_START" "$RSS_END" <<'PY'
import json, sys, platform, os
out, gw, rss0, rss1 = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
j = lambda n: json.load(open(os.path.join(out, n)))
bm, sm, b70, s70, copy = j("batch-max.json"), j("single-max.json"), j("batch-70.json"), j("single-70.json"), j("copy.json")
results = {
  "ingest.batch100.events_per_s": bm["events_per_s"],
  "ingest.batch100.p99_ms": b70["p99_ms"],
  "ingest.batch100.p99_ms_at_max": bm["p99_ms"],
  "ingest.single.requests_per_s": sm["requests_per_s"],
  "ingest.single.p99_ms": s70["p99_ms"],
  "ingest.single.p99_ms_at_max": sm["p99_ms"],
  "freshness.p95_ms": b70["freshness_p95_ms"],
  "baseline.copy_rows_per_s": copy["copy_rows_per_s"],
  "gateway_vs_direct": None if gw == "null" else float(gw),
  "memory.rss_kb_start": int(rss0 or 0), "memory.rss_kb_end": int(rss1 or 0),
  "through_gateway": gw != "null",
  "machine": {"cores": os.cpu_count(), "os": platform.platform()},
}
json.dump(results, open(os.path.join(os.path.dirname(out), "results.json"), "w"), indent=2)
print(json.dumps(results, indent=2))
PY
