#!/usr/bin/env bash
# Shared by the demo seed scripts: sourced, never run. Sets GW (the gateway, from $1, TS_GATEWAY_URL or ./run.sh's
# default) and gives the calls a seed makes as the demo trust's users would make them through the public API.
#   . "$(dirname "$0")/seed-lib.sh" "${1:-}"
#   SEED_LOG_PREFIX names the script in its error lines.
GW="${1:-${TS_GATEWAY_URL:-http://127.0.0.1:5080}}"
SEED_LOG_PREFIX="${SEED_LOG_PREFIX:-seed}"

# token USER -> an access token for a demo account (password grant; exists only with Identity:DemoTrust=true)
token() {
  curl -sf -X POST "$GW/connect/token" -d grant_type=password -d client_id=trustsafety-cli \
    -d "username=$1" -d password=demo-password -d "scope=openid profile roles school api" \
    | tr -d '\n' | sed -E 's/.*"access_token": *"([^"]+)".*/\1/'
}

# json_field NAME < json -> the first value of that field
json_field() { tr -d '\n' | sed -E "s/.*\"$1\": *\"?([^\",} ]+)\"?.*/\1/"; }

# send METHOD TOKEN PATH BODY [IF-MATCH] -> the response body; a non-2xx answer is reported on stderr and returns 1
send() {
  local args=(-s -w '\n%{http_code}' -X "$1" "$GW$3" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$4")
  [ -n "${5:-}" ] && args+=(-H "If-Match: \"$5\"")
  local out code
  out="$(curl "${args[@]}")"; code="${out##*$'\n'}"; out="${out%$'\n'*}"
  if [ "${code:-0}" -ge 300 ] || [ "${code:-0}" -lt 200 ]; then echo "[$SEED_LOG_PREFIX] $1 $3 -> $code: $out" >&2; return 1; fi
  printf '%s' "$out"
}

# post TOKEN PATH BODY [IF-MATCH]
post() { send POST "$@"; }
