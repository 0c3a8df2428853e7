#!/usr/bin/env bash
# Moves messages a consumer gave up on from <queue>_error back to <queue> (after the cause is fixed).
#   tools/replay-errors.sh <queue> [--vhost V] [--max N] [--dry-run]    e.g. tools/replay-errors.sh reporting-incident-reported
#   tools/replay-errors.sh --list [vhost]                                 error queues with messages (needs rabbitmqctl)
# Broker from TS_RABBIT_HOST/PORT/USER/PASSWORD/VHOST (or .run/infra.env), else 127.0.0.1:5672 guest/guest vhost "/".
# See docs/operations.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${TS_RABBIT_HOST:-}" ] && [ -f "$ROOT/.run/infra.env" ]; then
  # shellcheck disable=SC1091
  . "$ROOT/.run/infra.env"
fi

if [ "${1:-}" = "--list" ]; then
  vhost="${2:-${TS_RABBIT_VHOST:-/}}"
  rabbitmqctl -q list_queues -p "$vhost" name messages | awk 'NR == 1 || $1 ~ /_error$/'
  exit 0
fi

tool=""
for c in Release Debug; do
  candidate="$ROOT/tools/TrustSafety.Replay/bin/$c/net10.0/TrustSafety.Replay.dll"
  if [ -f "$candidate" ] && { [ -z "$tool" ] || [ "$candidate" -nt "$tool" ]; }; then tool="$candidate"; fi
done
if [ -z "$tool" ]; then
  dotnet build "$ROOT/tools/TrustSafety.Replay/TrustSafety.Replay.csproj" -c Release -nologo -v:q -clp:ErrorsOnly >&2
  tool="$ROOT/tools/TrustSafety.Replay/bin/Release/net10.0/TrustSafety.Replay.dll"
fi
exec dotnet "$tool" "$@"
