// @ts-check
// Issue 16: the subject-access export as a document a person reads, prints and releases (the print stylesheet keeps only
// the document), built from the three services' exports the DSL has just prepared. The exports are the DSL's only, so
// the sealed words they carry (what happened, reasons) reach nobody else; other people appear only by their role.
import { getJson } from "../api.js";
import { h, fmt } from "../ui.js";
import { categories, labelOf, PERSON_ROLES, ACTION_KINDS, FOUR_C } from "../lists.js";

/** @typedef {import("../../../../../web/types/consent").components["schemas"]["ConsentTypeView"]} ConsentTypeView */
/**
 * The subject-access exports the Records page prepared: the pupil's id and name (from the roster), and each service's export.
 * @typedef {{ id: string, name: string, producedAt: string,
 *   incident: import("../../../../../web/types/incident").components["schemas"]["SubjectAccessReport"],
 *   consent: import("../../../../../web/types/consent").components["schemas"]["PupilConsentSubjectAccess"],
 *   devices: import("../../../../../web/types/device-register").components["schemas"]["PupilDeviceSubjectAccess"] }} SubjectAccessExports
 */

const STATUS = { reported: "Reported, awaiting triage", triaged: "Being handled", closed: "Closed" };
const CONSENT_WHAT = { requested: "Consent asked for", given: "Consent given", declined: "Consent declined", withdrawn: "Consent withdrawn", expired: "Consent expired" };
const AUDIENCES = { pupils: "Pupils' acceptable use", parents: "Parents' acceptable use", staff: "Staff acceptable use", governors: "Governors' acceptable use", visitors: "Visitors' acceptable use" };

const dl = (...pairs) => h("dl", { class: "facts" }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
  .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));

/** @template T @param {string} caption @param {[string, (row: T) => unknown][]} columns @param {T[]} rows @param {string} none */
const list = (caption, columns, rows, none) => rows.length
  ? h("table", { class: "document-table" }, h("caption", {}, caption),
    h("thead", {}, h("tr", {}, columns.map(([label]) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, columns.map(([, value]) => h("td", {}, value(row)))))))
  : h("p", {}, none);

async function names() {
  const [cats, types] = await Promise.all([
    categories().catch(() => []),
    // GET /consent-types answers ConsentTypeView[] (services/consent/ConsentTypes; its OpenAPI entry names no type).
    /** @type {ReturnType<typeof getJson<ConsentTypeView[]>>} */ (getJson("/api/consent/consent-types")).then((r) => r.data.map((t) => ({ value: t.code, label: t.name }))).catch(() => []),
  ]);
  return { cats, types };
}

/** @param {SubjectAccessExports} r as the Records page prepared them. */
export async function subjectAccessDocument(r) {
  const { cats, types } = await names();
  const incidents = r.incident?.incidents ?? [];
  /** @type {Partial<SubjectAccessExports["consent"]>} */
  const consent = r.consent ?? {};
  const devices = r.devices?.devices ?? [];
  return h("article", { class: "print-document subject-access-document", "aria-labelledby": "sar-title" },
    h("h2", { id: "sar-title" }, `Subject-access request: ${r.name}`),
    dl(["Pupil", r.name], ["Prepared", fmt.dateTime(r.producedAt)],
      ["What this is", "Everything the school's online-safety platform holds about this pupil: incident records, consent and acceptable-use records, and school devices."]),
    h("p", { class: "note" }, "Other people appear only by their role. The reporter's own words are shown as written: read them and redact anyone else they name before release."),

    h("section", { class: "document-part" }, h("h3", {}, `Incident records (${incidents.length})`),
      incidents.length ? incidents.map((i, n) => h("div", { class: "document-entry" },
        h("h4", {}, `Incident ${n + 1}: reported ${fmt.dateTime(i.reportedAt)}`),
        dl(["Happened", fmt.dateTime(i.happenedAt)], ["Status", STATUS[i.status] ?? fmt.label(i.status)],
          ["Category", i.category ? labelOf(cats, i.category) : "Not yet decided"],
          ["Kind of risk", i.fourC ? labelOf(FOUR_C, i.fourC) : null],
          ["The pupil's part", i.pupilRole ? i.pupilRole.split(", ").map((x) => labelOf(PERSON_ROLES, x)).join(", ") : null],
          ["What happened", i.whatHappened], ["How it came to light", i.howItCameToLight],
          ["Outcome", i.outcome]),
        list("People involved", [["Role", (p) => labelOf(PERSON_ROLES, p.role)], ["Who", (p) => p.pupilId ? `${p.name ?? r.name} (this pupil)` : "Another person"],
          ["Date of birth", (p) => p.dateOfBirth ? fmt.date(p.dateOfBirth) : "—"]], i.people ?? [], "No one else recorded."),
        list("Actions taken", [["When", (a) => fmt.dateTime(a.at)], ["What", (a) => `${labelOf(ACTION_KINDS, a.kind)}: ${a.what}`], ["Why", (a) => a.why || "—"]],
          i.actions ?? [], "No actions recorded about this pupil."),
        (i.referrals ?? []).length ? h("div", {}, h("h5", {}, "Referrals"), h("ul", {}, i.referrals.map((x) => h("li", {}, x)))) : null))
        : h("p", {}, "The incident service holds no incident naming this pupil.")),

    h("section", { class: "document-part" }, h("h3", {}, "Consent and acceptable use"),
      consent.roster ? dl(["Class", consent.roster.className], ["Year group", `Year ${consent.roster.yearGroup}`],
        ["Leaving date", consent.roster.leavingDate ? fmt.date(consent.roster.leavingDate) : null]) : h("p", {}, "Not on the consent roster."),
      list("Consent records", [["When", (c) => fmt.dateTime(c.at)], ["Consent", (c) => labelOf(types, c.type)],
        ["What", (c) => CONSENT_WHAT[c.what] ?? fmt.label(c.what)],
        ["Who answered", (c) => [c.relationship ? fmt.label(c.relationship) : null, c.channel ? `by ${fmt.label(c.channel)}` : null].filter(Boolean).join(", ") || "—"],
        ["Valid", (c) => [c.effectiveOn ? `from ${fmt.date(c.effectiveOn)}` : null, c.validUntil ? `until ${fmt.date(c.validUntil)}` : null].filter(Boolean).join(" ") || "—"],
        ["Recorded by", (c) => c.recordedBy ?? "—"], ["Reason", (c) => c.reason ?? "—"]], consent.consents ?? [], "No consent records."),
      list("Acceptable-use signatures", [["When", (a) => fmt.dateTime(a.at)], ["Policy", (a) => `${AUDIENCES[a.audience] ?? fmt.label(a.audience)}, version ${a.version}`],
        ["What", (a) => (a.what === "lapsed" ? `Lapsed${a.lapsedOn ? ` on ${fmt.date(a.lapsedOn)}` : ""}${a.reason ? `: ${a.reason}` : ""}` : "Signed")],
        ["Recorded by", (a) => a.recordedBy ?? "—"]], consent.aupSignatures ?? [], "No acceptable-use signatures.")),

    h("section", { class: "document-part" }, h("h3", {}, `School devices (${devices.length})`),
      devices.length ? devices.map((d) => h("div", { class: "document-entry" },
        h("h4", {}, [fmt.label(d.kind), d.make, d.model].filter(Boolean).join(" "), d.assetTag ? ` (asset ${d.assetTag})` : ""),
        dl(["Whose", d.ownedByPupil ? "The pupil's own device" : "The school's device"], ["Custody", fmt.label(d.custodyState)]),
        list("Assignments to this pupil", [["From", (a) => fmt.dateTime(a.assignedAt)], ["Until", (a) => (a.returnedAt ? fmt.dateTime(a.returnedAt) : "Still with them")],
          ["Acceptable use", (a) => (a.aupCurrent ? "Signed" : a.aupOverrideReason ? `Not signed; assigned because: ${a.aupOverrideReason}` : "Not signed")]],
        d.assignments ?? [], "Never assigned to this pupil."),
        list("Custody chain", [["When", (c) => fmt.dateTime(c.at)], ["Step", (c) => fmt.label(c.step)], ["Where", (c) => c.location || "—"], ["By", (c) => c.byName || "—"]],
          d.custody ?? [], "No custody steps.")))
        : h("p", {}, "The device register holds no device of this pupil's.")));
}
