#!/usr/bin/env bash
# The trust lead's overview on a platform started by ./run.sh, quiet and then while a vendor pushes at full rate for
# minutes (issue 13: "the same calls on a platform started by ./run.sh stay fast while vendors push at full rate").
#   TS_RUN_DETACH=1 ./run.sh && bench/platform-under-load.sh [PUSH_SECONDS (default 180)]
# Needs the Release build of bench/TrustSafety.LoadGenerator (built here if absent). Loopback only. Prints JSON lines:
# overview quiet, the push (events/s, failures, p99), overview during the push, then reporting's RSS and queue backlog.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PUSH=${1:-180}
OFFSET="${TS_RUN_PORT_OFFSET:-0}"
GATEWAY=http://127.0.0.1:$((5080 + OFFSET)); IDP=http://127.0.0.1:$((5090 + OFFSET)); INGEST=http://127.0.0.1:$((5104 + OFFSET))
GEN_DLL=bench/TrustSafety.LoadGenerator/bin/Release/net10.0/TrustSafety.LoadGenerator.dll
[ -f "$GEN_DLL" ] || dotnet build bench/TrustSafety.LoadGenerator -c Release -nologo -v:q -clp:ErrorsOnly >&2
GEN="dotnet $GEN_DLL"
curl -sf "$GATEWAY/health/ready" >/dev/null || { echo "no platform on $GATEWAY: start it with TS_RUN_DETACH=1 ./run.sh" >&2; exit 1; }
REPORTING_PID=$(cat .run/pids/reporting.pid)
rss_mib() { echo $(( $(ps -o rss= -p "$REPORTING_PID" | tr -d ' ') / 1024 )); }
backlog() { rabbitmqctl -q list_queues messages 2>/dev/null | awk '$1 ~ /^[0-9]+$/ {s += $1} END {print s + 0}'; }
FROM=$(date -u -d "-35 months" +%Y-%m); TO=$(date -u +%Y-%m)

# A vendor source of Caldecote (141002), registered by the trust IT admin with room to push at full rate.
REG=$($GEN --mode register --url "$INGEST" --token-url "$IDP/connect/token" --user it.admin --school 141002)
SRC=$(echo "$REG" | python3 -c 'import json,sys;print(json.load(sys.stdin)["source"])')
SECRET=$(echo "$REG" | python3 -c 'import json,sys;print(json.load(sys.stdin)["secret"])')

echo "{\"phase\":\"overview-quiet\",\"from\":\"$FROM\",\"to\":\"$TO\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"result\":$(python3 bench/overview_probe.py "$GATEWAY" "$IDP" 30 "$FROM" "$TO")}"
python3 bench/overview_probe.py "$GATEWAY" "$IDP" $((PUSH - 15)) "$FROM" "$TO" > .run/overview-under-load.json &
PROBE=$!
PUSHED=$($GEN --mode batch --url "$GATEWAY/api/filtering-ingest" --source "$SRC" --secret "$SECRET" --batch 100 --concurrency 8 --seconds "$PUSH")
wait "$PROBE"
echo "{\"phase\":\"push\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"result\":$PUSHED}"
echo "{\"phase\":\"overview-during-push\",\"result\":$(cat .run/overview-under-load.json)}"
echo "{\"phase\":\"after\",\"reporting_rss_mib\":$(rss_mib),\"backlog_at_end\":$(backlog)}"
# Reporting drains what the push left queued: wait (bounded) for the backlog to reach zero.
for _ in $(seq 1 120); do [ "$(backlog)" -eq 0 ] && break; sleep 1; done
echo "{\"phase\":\"drained\",\"backlog\":$(backlog),\"reporting_rss_mib\":$(rss_mib),\"overview\":$(python3 bench/overview_probe.py "$GATEWAY" "$IDP" 10 "$FROM" "$TO")}"
