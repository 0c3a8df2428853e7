// Reference codes the services accept (kebab-case on the wire) with the words the dashboard shows for them.

import { getJson } from "./api.js";

const list = (pairs) => Object.entries(pairs).map(([value, label]) => ({ value, label }));

let categoryList = null;

/**
 * The incident categories, served by the incident service from contracts' versioned list (one place for every client):
 * [{ value, label }] of the current version. Fetched once per page load.
 */
export function categories() {
  categoryList ??= getJson("/api/incident/reference/categories")
    .then(({ data }) => data.categories.map((c) => ({ value: c.code, label: c.label })))
    .catch((error) => { categoryList = null; throw error; });
  return categoryList;
}

export const FOUR_C = list({ content: "Content", contact: "Contact", conduct: "Conduct", commerce: "Commerce" });

export const SEVERITIES = list({ 1: "1 (low)", 2: "2", 3: "3 (medium)", 4: "4", 5: "5 (critical)" });

export const PERSON_ROLES = list({
  "child-victim": "Pupil harmed or affected", "child-instigator": "Pupil responsible",
  "staff-victim": "Staff member harmed or affected", "staff-instigator": "Staff member responsible (allegation)", "other": "Someone else",
});

export const SITES = list({ "on-site": "In school", "off-site": "Outside school", "unknown": "Not known" });

export const DEVICES = list({ "school-device": "School device", "personal-device": "Personal device", "no-device": "No device", "unknown": "Not known" });

export const DESTINATIONS = list({
  "childrens-social-care": "Children's social care (MASH)", "police": "Police", "ceop": "CEOP", "iwf": "Internet Watch Foundation (IWF)",
  "prevent": "Prevent", "lado": "LADO", "early-help": "Early Help",
});

/** contracts' IncidentOutcomes: what reporting learns of a closure (the words stay sealed in the incident). */
export const OUTCOMES = list({
  "resolved-in-school": "Resolved in school", "support-in-place": "Support in place", "referred-externally": "Referred to another agency",
  "no-further-action": "No further action", "not-substantiated": "Not substantiated",
  "transferred-to-another-setting": "Transferred to another setting",
});

export const ACTION_KINDS = list({
  "parents-informed": "Parents or carers informed", "parents-not-informed": "Parents or carers not informed",
  "sanction": "Sanction", "support": "Support offered", "device-secured": "Device secured",
  "headteacher-informed": "Headteacher informed", "advice-sought": "Advice sought",
});

/** A route step's state as the incident service reports it (services/incident/RoutingIncidents). */
export const ROUTE_STATES = list({ open: "To do", done: "Done", declined: "Decided not to" });

/** The words for a code from one of the lists above, or the code made readable. */
export function labelOf(options, code) {
  if (code === null || code === undefined || code === "") return "—";
  return options.find((o) => o.value === String(code))?.label ?? String(code).replaceAll("-", " ");
}

/** Staff roles as identity issues them (the handler list shows them beside each name). */
export const STAFF_ROLES = list({
  "dsl": "DSL", "deputy-dsl": "Deputy DSL", "headteacher": "Headteacher", "staff": "Staff", "it-admin": "IT admin",
});
