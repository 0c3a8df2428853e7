// @ts-check
// Reference codes the services accept (kebab-case on the wire) with the words the dashboard shows for them.

import { getJson } from "./api.js";

/** @typedef {{ value: string, label: string }} Option A code and the words shown for it. */

/** @param {Record<string, string>} pairs @returns {Option[]} */
const list = (pairs) => Object.entries(pairs).map(([value, label]) => ({ value, label }));

/** @typedef {import("../../../../web/types/incident").components["schemas"]["CategoryList"]} CategoryList */

/** @type {Promise<Option[]> | null} */
let categoryList = null;

/**
 * The incident categories, served by the incident service from contracts' versioned list (one place for every client):
 * [{ value, label }] of the current version. Fetched once per page load.
 */
export function categories() {
  categoryList ??= /** @type {ReturnType<typeof getJson<CategoryList>>} */ (getJson("/api/incident/reference/categories"))
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

/** contracts' ReferralOutcomes: what other services learn of a referral's outcome (the words stay sealed in the incident). */
export const REFERRAL_OUTCOMES = list({
  "accepted-for-assessment": "Accepted for a child and family assessment", "strategy-discussion": "Strategy discussion held",
  "section-47-enquiry": "Section 47 enquiry opened", "police-investigation": "Police investigating",
  "allegations-management": "LADO: managed under the allegations procedure", "early-help": "Stepped down to early help",
  "content-removed": "Content removed (IWF, CEOP or the platform)", "advice-given": "Advice given; managed by the school",
  "referred-on": "Referred on to another agency", "no-further-action": "No further action",
});

export const ACTION_KINDS = list({
  "parents-informed": "Parents or carers informed", "parents-not-informed": "Parents or carers not informed",
  "sanction": "Sanction", "support": "Support offered", "device-secured": "Device secured",
  "headteacher-informed": "Headteacher informed", "advice-sought": "Advice sought",
});

/** A route step's state as the incident service reports it (services/incident/RoutingIncidents). */
export const ROUTE_STATES = list({ open: "To do", done: "Done", declined: "Decided not to" });

/**
 * The words for a code from one of the lists above, or the code made readable.
 * @param {Option[]} options
 * @param {unknown} code
 */
export function labelOf(options, code) {
  if (code === null || code === undefined || code === "") return "—";
  return options.find((o) => o.value === String(code))?.label ?? String(code).replaceAll("-", " ");
}

/** Staff roles as identity issues them (the handler list shows them beside each name). */
export const STAFF_ROLES = list({
  "dsl": "DSL", "deputy-dsl": "Deputy DSL", "headteacher": "Headteacher", "staff": "Staff", "it-admin": "IT admin",
});

/** filtering-ingest's UKSIC categories (services/filtering-ingest/Normalisation/Crosswalk.cs), most serious first. */
export const UKSIC = list({
  "illegal-iwf": "Illegal: child sexual abuse (IWF)", "illegal-ctiru": "Illegal: terrorism (CTIRU)", "self-harm": "Self-harm",
  "extremism": "Extremism", "violence": "Violence", "pornography": "Pornography", "drugs": "Drugs", "discrimination": "Discrimination",
  "gambling": "Gambling", "malware-hacking": "Malware and hacking", "piracy": "Piracy", "other": "Other",
});

/** The vendors filtering-ingest names on events (each adapter's vendor; services/filtering-ingest/README.md). */
export const FILTER_VENDORS = list({
  "canonical": "TrustSafety JSON", "fortinet": "Fortinet FortiGate", "cef": "CEF (other vendors)", "squid": "Squid",
  "cisco-umbrella": "Cisco Umbrella", "smoothwall": "Smoothwall", "lightspeed": "Lightspeed", "google-workspace": "Google Workspace",
  "microsoft": "Microsoft", "palo-alto": "Palo Alto Networks", "sophos": "Sophos", "senso": "Senso",
  "securly": "Securly", "netsweeper": "Netsweeper", "impero": "Impero", "linewize": "Qoria / Linewize",
});

/** The annual review checklist (reporting's ReviewChecklist), each item with the role that answers for it. */
export const REVIEW_CHECKLIST = [
  { code: "roles-assigned", role: "SLT", text: "Roles and responsibilities for filtering and monitoring are assigned, and staff know them" },
  { code: "risk-profile", role: "DSL", text: "The pupils' risk profile was considered (age, SEND, EAL, known vulnerabilities)" },
  { code: "provision-listed", role: "IT", text: "What filtering and monitoring is in place was listed, for every network, device and user group" },
  { code: "filter-tested", role: "IT", text: "The filter was checked: illegal and harmful content is blocked (e.g. the SWGfL filter test) on each network" },
  { code: "over-blocking-reviewed", role: "SLT", text: "Over-blocking was reviewed: unblock requests, their outcomes and the effect on teaching and learning" },
  { code: "monitoring-acted-on", role: "DSL", text: "Monitoring reports and alerts reach the DSL and are acted on" },
  { code: "staff-trained", role: "SLT", text: "Staff were trained, and know how to report a concern or over-blocking" },
  { code: "governor-involved", role: "SLT", text: "The responsible governor took part in, or was told the outcome of, the review" },
];
