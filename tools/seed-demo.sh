#!/usr/bin/env bash
# Seeds the demo trust through the public API (as its users would): concerns reported by each school's DSL,
# some triaged, a referral or two, one closure. Skips when the demo trust already has incidents.
#   tools/seed-demo.sh [gateway-url]
set -euo pipefail
SEED_LOG_PREFIX=seed
# shellcheck source=tools/seed-lib.sh
. "$(dirname "$0")/seed-lib.sh" "${1:-}"

# Each school's DSL receives urgent emails at a demo address (./run.sh's SMTP sink keeps them in .run/mail/new/):
# what a DSL does once in the dashboard or with PUT /api/notifications/preferences.
for school in blakehill caldecote stowheath westfield wodensfield oakmere; do
  curl -sf -o /dev/null -X PUT "$GW/api/notifications/preferences" -H "Authorization: Bearer $(token "dsl.$school")" \
    -H 'Content-Type: application/json' -d "{\"email\":\"dsl.$school@demo.trustsafety.test\",\"urgentEmails\":true}" \
    || echo "[seed] could not set dsl.$school's notification preferences (is notifications running?)" >&2
done

# Governance (training register, policies, the online-safety group): its own script, idempotent per school.
bash "$(dirname "$0")/seed-governance.sh" "$GW" || echo "[seed] the governance seed failed (the platform still runs)" >&2

existing="$(curl -sf "$GW/api/incident/incidents?pageSize=1" -H "Authorization: Bearer $(token dsl.blakehill)" | json_field total || echo 0)"
if [ "${existing:-0}" != "0" ]; then echo "[seed] demo trust already has incidents; nothing to do"; exit 0; fi

categories=(cyberbullying online-sexual-harassment filtering-breach cyberbullying online-hate nudes-semi-nudes data-breach grooming-exploitation)
fourcs=(conduct contact content conduct content conduct commerce contact)
sites=(off-site on-site on-site off-site on-site off-site on-site off-site)
devices=(personal-device school-device school-device personal-device school-device personal-device school-device personal-device)
# incidents per school: blakehill caldecote stowheath westfield wodensfield oakmere
declare -A per_school=([blakehill]=7 [caldecote]=3 [stowheath]=6 [westfield]=11 [wodensfield]=5 [oakmere]=9)
count=0
for school in blakehill caldecote stowheath westfield wodensfield oakmere; do
  t="$(token "dsl.$school")"
  for ((i = 0; i < per_school[$school]; i++)); do
    k=$(( (i + ${#school}) % ${#categories[@]} ))
    happened="$(date -u -d "-$((i + 1)) days" +%Y-%m-%dT%H:%M:%SZ)"
    body=$(cat <<JSON
{"happenedAt":"$happened","whatHappened":"Demo concern $((i + 1)) at $school: ${categories[$k]} reported by a class teacher.",
 "where":{"site":"${sites[$k]}","device":"${devices[$k]}"},"howItCameToLight":"Disclosure to a class teacher",
 "people":[{"role":"child-victim","pupilId":"${school:0:3}-P$((1000 + i))"}],"suggestedCategory":"${categories[$k]}"}
JSON
)
    created="$(post "$t" /api/incident/incidents "$body")"
    id="$(printf '%s' "$created" | json_field id)"; version="$(printf '%s' "$created" | json_field version)"
    count=$((count + 1))
    if (( i % 3 != 2 )); then
      triaged="$(post "$t" "/api/incident/incidents/$id/triage" \
        "{\"illegal\":false,\"category\":\"${categories[$k]}\",\"fourC\":\"${fourcs[$k]}\",\"severity\":$(( (i % 4) + 2 )),\"handlerId\":\"dsl.$school\",\"handlerName\":\"DSL\",\"rationale\":\"Triaged from the teacher's account\"}" "$version")"
      version="$(printf '%s' "$triaged" | json_field version)"
      if (( i == 1 )); then
        post "$t" "/api/incident/incidents/$id/referrals" \
          "{\"destination\":\"early-help\",\"referenceNumber\":\"EH-$school-$i\",\"madeOn\":\"$(date -u +%F)\",\"dueOn\":\"$(date -u -d '+10 days' +%F)\",\"rationale\":\"Family support needs identified\"}" "$version" >/dev/null
      elif (( i == 3 )); then
        # Severity 5: the default route rules require informing the headteacher before closing (docs/routes-and-categories.md).
        informed="$(post "$t" "/api/incident/incidents/$id/actions/headteacher-informed" \
          "{\"informedOn\":\"$(date -u +%F)\",\"rationale\":\"Critical severity: headteacher told the same day\"}" "$version")"
        version="$(printf '%s' "$informed" | json_field version)"
        post "$t" "/api/incident/incidents/$id/close" \
          "{\"outcome\":\"resolved-in-school\",\"rationale\":\"Messages removed, restorative conversation held, parents informed\",\"lessonsLearnt\":\"Cover group-chat etiquette in PSHE\"}" "$version" >/dev/null
      fi
    fi
  done
done
echo "[seed] reported $count demo concerns across 6 schools"
