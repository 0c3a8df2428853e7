#!/usr/bin/env bash
# Subject-access export for one pupil across services, through the gateway, as the school's DSL.
#   TS_TOKEN=<the DSL's access token> tools/subject-access.sh <pupilId> [gateway-url] > export.json
#   tools/subject-access.sh <pupilId>            # local demo only: signs in as dsl.blakehill (TS_DSL_USER to change)
# Each service answers for what it holds; a service that fails or times out is named in "failures" and the
# script exits 2, so a partial export is never mistaken for a complete one.
set -euo pipefail
PUPIL="${1:?usage: tools/subject-access.sh <pupilId> [gateway-url]}"
GW="${2:-${TS_GATEWAY_URL:-http://127.0.0.1:5080}}"
TIMEOUT="${TS_TIMEOUT_SECONDS:-15}"

if [ -z "${TS_TOKEN:-}" ]; then
  TS_TOKEN="$(curl -sf --max-time "$TIMEOUT" -X POST "$GW/connect/token" -d grant_type=password -d client_id=trustsafety-cli \
    -d "username=${TS_DSL_USER:-dsl.blakehill}" -d password=demo-password -d "scope=openid profile roles school api" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
fi

pupil_path="$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PUPIL")"
workdir="$(mktemp -d)"; trap 'rm -rf "$workdir"' EXIT
for service in incident device-register consent; do
  code="$(curl -s --max-time "$TIMEOUT" -o "$workdir/$service.json" -w '%{http_code}' \
    -H "Authorization: Bearer $TS_TOKEN" "$GW/api/$service/pupils/$pupil_path/subject-access" || echo 000)"
  echo "$code" > "$workdir/$service.code"
done

python3 - "$PUPIL" "$workdir" <<'PY'
import json, os, sys, datetime
pupil, workdir = sys.argv[1], sys.argv[2]
out = {"pupilId": pupil, "producedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(), "services": {}, "failures": {},
       "notes": ["filtering-ingest: raw events are keyed by device/user reference, not pupil id"]}
for service in ("incident", "device-register", "consent"):
    code = open(os.path.join(workdir, service + ".code")).read().strip()
    body = open(os.path.join(workdir, service + ".json")).read() if os.path.exists(os.path.join(workdir, service + ".json")) else ""
    if code == "200":
        out["services"][service] = json.loads(body)
    else:
        out["failures"][service] = f"HTTP {code}: {body[:300]}"
json.dump(out, sys.stdout, indent=2)
print()
sys.exit(2 if out["failures"] else 0)
PY
