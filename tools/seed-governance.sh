#!/usr/bin/env bash
# Seeds each demo school's online-safety governance through the public API, as its DSL would in the dashboard:
# a training register (staff, the safeguarding team and a governor; most inducted, training recorded by session, some of it
# lapsed so the due list, the audit and the overdue-training reminders have something to show), the policy register
# (one current, one overdue for review, one not yet approved) and a termly online-safety group meeting with its actions.
# Skips a school whose training register already has people. Called by tools/seed-demo.sh.
#   tools/seed-governance.sh [gateway-url]
set -uo pipefail
SEED_LOG_PREFIX=seed-governance
# shellcheck source=tools/seed-lib.sh
. "$(dirname "$0")/seed-lib.sh" "${1:-}"
day() { date -u -d "$1" +%Y-%m-%d; }

for school in blakehill caldecote stowheath westfield wodensfield oakmere; do
  t="$(token "dsl.$school")"
  if [ -z "$t" ]; then echo "[seed-governance] no token for dsl.$school; skipped" >&2; continue; fi
  people="$(curl -sf "$GW/api/governance/training/people" -H "Authorization: Bearer $t" || echo unreachable)"
  if [ "$people" = "unreachable" ]; then echo "[seed-governance] governance not reachable for $school; skipped" >&2; continue; fi
  if [ "$(printf '%s' "$people" | tr -d ' \n')" != "[]" ]; then echo "[seed-governance] $school already has a training register"; continue; fi
  p="${school:0:3}"
  # id | name | role | joined | inducted (yes/no)
  roster=(
    "$p-dsl|Dana Shah|dsl|$(day '-3 years')|yes"
    "$p-deputy|Dev Patel|deputy-dsl|$(day '-2 years')|yes"
    "$p-head|Helen Ward|headteacher|$(day '-4 years')|yes"
    "$p-t1|Tom Reid|staff|$(day '-2 years')|yes"
    "$p-t2|Priya Nair|staff|$(day '-18 months')|yes"
    "$p-t3|Sam Cole|staff|$(day '-50 days')|no"
    "$p-gov|Grace Okafor|governor|$(day '-3 years')|yes"
  )
  for row in "${roster[@]}"; do
    IFS='|' read -r id name role joined inducted <<<"$row"
    added="$(send PUT "$t" "/api/governance/training/people/$id" "{\"name\":\"$name\",\"role\":\"$role\",\"joinedOn\":\"$joined\"}" 0)" || continue
    if [ "$inducted" = yes ]; then
      version="$(printf '%s' "$added" | json_field version)"
      send POST "$t" "/api/governance/training/people/$id/induction" \
        "{\"policyReadOn\":\"$(day "$joined + 3 days")\",\"aupSignedOn\":\"$(day "$joined + 3 days")\"}" "$version" >/dev/null
    fi
  done
  session() { # kind date provider attendees...
    local kind="$1" on="$2" provider="$3"; shift 3
    local list; list="$(printf '"%s",' "$@")"
    send POST "$t" /api/governance/training/sessions \
      "{\"kind\":\"$kind\",\"completedOn\":\"$on\",\"provider\":\"$provider\",\"attendees\":[${list%,}]}" >/dev/null
  }
  session safeguarding "$(day '-3 months')" "Local authority safeguarding team" "$p-dsl" "$p-deputy" "$p-head" "$p-t1" "$p-t2" "$p-gov"
  session online-safety "$(day '-3 months')" "National Online Safety" "$p-dsl" "$p-deputy" "$p-head" "$p-t1"
  # A year and more ago: lapsed for those not in this year's session (the due list and the reminders show them).
  session online-safety "$(day '-13 months')" "National Online Safety" "$p-t2" "$p-gov"
  session prevent "$(day '-5 months')" "Home Office Prevent e-learning" "$p-dsl" "$p-deputy" "$p-head" "$p-t1" "$p-t2"
  session dsl "$(day '-10 months')" "Local authority DSL course" "$p-dsl" "$p-deputy"
  session governor "$(day '-4 months')" "Governors for Schools" "$p-gov"

  policy() { # code title approvedOn (empty: not approved)
    local registered stream
    registered="$(send PUT "$t" "/api/governance/policies/$1" "{\"title\":\"$2\"}" 0)" || return 0
    [ -z "$3" ] && return 0
    stream="$(printf '%s' "$registered" | json_field streamVersion)"
    send POST "$t" "/api/governance/policies/$1/versions" \
      "{\"versionLabel\":\"$(date -u -d "$3" +%Y).1\",\"approvedBy\":\"Full governing board\",\"approvedOn\":\"$3\"}" "$stream" >/dev/null
  }
  policy online-safety "Online safety policy" "$(day '-2 months')"
  policy aup-staff "Staff acceptable use policy" "$(day '-5 months')"
  policy filtering-monitoring "Filtering and monitoring policy" "$(day '-14 months')"
  policy mobile-phones "Mobile phones and personal devices policy" ""

  meeting="$(send POST "$t" /api/governance/group/meetings "{\"heldOn\":\"$(day '-3 weeks')\",\"attendees\":\"DSL, deputy DSL, IT lead, online-safety governor, two pupil digital leaders\",\"notes\":\"Reviewed this term's filtering alerts and concerns by category; pupils asked for a session on group chats; the filtering and monitoring policy is past its review date.\"}")"
  if [ -n "$meeting" ]; then
    id="$(printf '%s' "$meeting" | json_field id)"; version="$(printf '%s' "$meeting" | json_field version)"
    agreed="$(send POST "$t" "/api/governance/group/meetings/$id/actions" \
      "{\"description\":\"Review the filtering and monitoring policy with the IT lead\",\"owner\":\"DSL\",\"dueOn\":\"$(day '-1 week')\"}" "$version")" \
      && version="$(printf '%s' "$agreed" | json_field version)"
    send POST "$t" "/api/governance/group/meetings/$id/actions" \
      "{\"description\":\"Assembly on kindness in group chats, led by the digital leaders\",\"owner\":\"Head of PSHE\",\"dueOn\":\"$(day '+3 weeks')\"}" "$version" >/dev/null
  fi
  echo "[seed-governance] $school: training register, policies and a group meeting"
done
