#!/usr/bin/env bash
# The incident service's key-encryption key (KEK): it wraps every per-person data key of sealed case work.
#   tools/kek.sh generate            a new KEK (base64 of 32 random bytes) on stdout, for the secret store
#   tools/kek.sh id [KEK]            the KEK's id (as data keys record it), from the argument or stdin: checks an escrow
#                                    copy against the keys in use without putting the copy into any service
#   tools/kek.sh status              live data keys per KEK id, from incident's database (psql; TS_PG_* or .run/infra.env,
#                                    database TS_PG_INCIDENT_DB, default trustsafety_incident)
# Rotation and escrow step by step: docs/data-protection.md, "The key-encryption key".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

case "${1:-}" in
  generate)
    openssl rand -base64 32 ;;
  id)
    kek="${2:-}"
    [ -n "$kek" ] || read -r kek
    hex="$(printf '%s' "$kek" | base64 -d 2>/dev/null | od -An -v -tx1 | tr -d ' \n')"
    if [ "${#hex}" -ne 64 ]; then echo "not a KEK: base64 of 32 bytes expected" >&2; exit 2; fi
    # HMAC-SHA256 of a fixed label under the KEK, first 16 hex digits (KeyEncryptionKeys.IdOf).
    mac="$(printf '%s' 'trustsafety-kek-id' | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hex" | sed -E 's/^.*= *//')"
    echo "kek-${mac:0:16}" ;;
  status)
    if [ -z "${TS_PG_HOST:-}" ] && [ -f "$ROOT/.run/infra.env" ]; then
      # shellcheck disable=SC1091
      . "$ROOT/.run/infra.env"
    fi
    PGPASSWORD="${TS_PG_PASSWORD:-trustsafety}" psql -X -q -h "${TS_PG_HOST:-127.0.0.1}" -p "${TS_PG_PORT:-5432}" \
      -U "${TS_PG_USER:-trustsafety}" -d "${TS_PG_INCIDENT_DB:-trustsafety_incident}" -c \
      "select coalesce(data->>'KekId', '(none: before KEK ids)') as kek, count(*) as live_data_keys
         from incident.mt_doc_persondatakey where data->>'WrappedKey' is not null group by 1 order by 2 desc" ;;
  *)
    sed -n '2,8p' "$0" >&2; exit 2 ;;
esac
