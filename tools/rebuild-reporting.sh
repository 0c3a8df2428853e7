#!/usr/bin/env bash
# Rebuilds reporting's rollups from its stored facts, school by school, while reporting keeps serving (each school in one
# transaction under its rollup lock: views read the old rollups until it commits; that school's consumers wait for it).
# Use it when a rollup's shape or meaning changed and you do not want to wait for the start-up upgrade, or to repair.
#   tools/rebuild-reporting.sh [urn ...]       default: every school of the trust and the trust's unattributed facts
# Locally it uses .run/infra.env; elsewhere set ConnectionStrings__Postgres (and Trust__Schools__* as the service has them).
# In Kubernetes: kubectl -n trustsafety exec deploy/reporting -- dotnet TrustSafety.Reporting.dll rebuild-rollups [urn ...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dll="$ROOT/services/reporting/bin/Release/net10.0/TrustSafety.Reporting.dll"
[ -f "$dll" ] || dotnet build "$ROOT/services/reporting" -c Release -nologo -v:q -clp:ErrorsOnly
if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  # shellcheck disable=SC1091
  [ -f "$ROOT/.run/infra.env" ] && . "$ROOT/.run/infra.env"
  export ConnectionStrings__Postgres="Host=${TS_PG_HOST:-127.0.0.1};Port=${TS_PG_PORT:-5432};Username=${TS_PG_USER:-trustsafety};Password=${TS_PG_PASSWORD:-trustsafety};Database=trustsafety_reporting"
fi
export Daemon__Enabled=false
exec dotnet "$dll" rebuild-rollups "$@"
