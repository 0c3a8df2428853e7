// @ts-check
// Issue 15 on one incident: immediate danger, UKCIS risk assessments, containment, evidence files (screenshots),
// linked cases with other schools of the trust and the pupils' vulnerability context. Every form sends If-Match with
// the ETag of the incident's read (linked cases and pupil context carry their own).
import { getJson, postJson, putJson, postForm, getBlob } from "../api.js";
import { h, clear, fmt, table, section, badge, empty } from "../ui.js";
import { field, input, textarea, select as choose, radios, checkedValue, disclosure, form, onSubmit, today } from "../forms.js";
import { labelOf } from "../lists.js";
import { evidenceReferences, retentionOfIncident } from "./records.js";

/** @typedef {import("../../../../../web/types/incident").components["schemas"]} IncidentApi */
/** @typedef {IncidentApi["CaseFilesView"]} CaseFilesView */
/** @typedef {import("./incident.js").IncidentContext} IncidentContext */

const list = (pairs) => Object.entries(pairs).map(([value, label]) => ({ value, label }));

export const RISK_DECISIONS = list({
  "refer-police-and-social-care": "Refer to the police and children's social care", "refer-childrens-social-care": "Refer to children's social care",
  "refer-police": "Refer to the police", "manage-in-school": "Manage in school (no aggravating factor)",
});
export const CONTAINMENT_KINDS = list({
  "content-blocked": "Content blocked or isolated on the school network", "account-suspended": "Account suspended",
  "reported-to-platform": "Reported to the platform", "url-reported-to-iwf": "URL reported to the IWF", "copies-deleted": "Copies deleted",
});
/** The agencies directory's codes (services/incident/Agencies), for advice sought from one of them. */
export const AGENCIES = list({
  "mash": "MASH", "out-of-hours-social-care": "Out-of-hours social care", "lado": "LADO", "prevent": "Prevent", "police": "Police",
  "education-safeguarding": "LA education safeguarding advice line", "ceop": "CEOP", "iwf": "IWF", "nspcc": "NSPCC",
});
/** Each of incident's vulnerability flags (the view's and the request's fields), with its words. */
const VULNERABILITIES = list(/** @satisfies {Record<keyof IncidentApi["VulnerabilityFlags"], string>} */ ({
  lookedAfter: "Looked after", previouslyLookedAfter: "Previously looked after", send: "SEND", ehcp: "EHCP",
  childProtectionPlan: "Child-protection plan", childInNeedPlan: "Child-in-need plan", youngCarer: "Young carer",
}));
const YES_NO = [{ value: "true", label: "Yes" }, { value: "false", label: "No" }];
const orNull = (v) => (v === "" || v === undefined ? null : v);
const yesNo = (el, name) => { const v = checkedValue(el, name); return v === "" ? null : v === "true"; };

/**
 * @param {HTMLFormElement} el
 * @param {IncidentContext} ctx
 * @param {() => Promise<unknown>} send
 * @param {string} message
 */
function wire(el, ctx, send, message) {
  onSubmit(el, { send, done: () => ctx.changed(message), starting: () => clear(ctx.flash), reload: ctx.reload });
  return el;
}

const post = (ctx, path, body) => postJson(`/api/incident/incidents/${ctx.incidentId}/${path}`, body, { "If-Match": ctx.etag });

/**
 * The sections for the safeguarding team; `manages` and `open` as on the incident page.
 * @param {IncidentApi["IncidentView"]} i
 * @param {IncidentContext} ctx
 * @param {boolean} manages
 * @param {boolean} open
 */
export function caseFilesSections(i, ctx, manages, open) {
  const files = i.caseFiles;
  if (!files) return null;
  const isDsl = ctx.me.has("dsl");
  return [
    immediateDanger(files, ctx, manages && open),
    files.riskAssessmentApplies || files.riskAssessments.length ? riskAssessments(files, ctx, manages && open) : null,
    containment(files, ctx, manages && open, isDsl),
    evidenceFiles(files, ctx, manages && open, isDsl),
    evidenceReferences(i, ctx, manages && open),
    isDsl ? retentionOfIncident(i, ctx) : null,
    isDsl ? linkedCases(i, ctx) : null,
    isDsl ? pupilContext(i, ctx) : null,
  ];
}

/** @param {CaseFilesView} files @param {IncidentContext} ctx @param {boolean} canChange */
function immediateDanger(files, ctx, canChange) {
  const d = files.immediateDanger;
  if (d) return h("section", { class: "panel danger", role: "alert", "aria-labelledby": "s-immediate-danger" },
    h("h2", { id: "s-immediate-danger" }, "Immediate danger"), h("p", { class: "prompt" }, h("strong", {}, d.prompt)),
    h("p", {}, `Flagged by ${d.byName}, ${fmt.dateTime(d.at)}. 999 / police called: ${d.emergencyServicesCalled ? "yes" : "not yet"}.`),
    h("p", { class: "prose" }, d.rationale));
  if (!canChange) return null;
  const el = form("Flag immediate danger", "Flag immediate danger",
    radios("danger-called", "Have 999 / the police been called?", "emergencyServicesCalled", YES_NO, ""),
    field("Why the child is in immediate danger", textarea("danger-rationale"), { name: "rationale" }));
  return section("Immediate danger",
    h("p", { class: "hint" }, "If a child is in immediate danger, call 999 first. Flagging it tells the safeguarding team at once and puts a police referral on the route."),
    disclosure("Flag that a child is in immediate danger", wire(el, ctx, () => post(ctx, "immediate-danger",
      /** @satisfies {IncidentApi["ImmediateDangerRequest"]} */ ({ emergencyServicesCalled: yesNo(el, "danger-called"),
        rationale: orNull(/** @type {HTMLTextAreaElement} */ (el.querySelector("#danger-rationale")).value.trim()) })),
    "Immediate danger flagged: the safeguarding team is being told now.")));
}

/** UKCIS's questions: each a yes/no of the assessment (the request's and the record's field). */
/** @type {[keyof IncidentApi["RiskAssessmentRequest"] & keyof IncidentApi["RiskAssessmentRecord"], string][]} */
const QUESTIONS = [
  ["adultInvolved", "Is an adult involved?"], ["coercionOrBlackmail", "Is there coercion, blackmail or grooming?"],
  ["extremeOrViolentActs", "Does it show acts unusual for the child's development, or violence?"],
  ["underThirteen", "Is any child in the imagery under 13?"], ["immediateRisk", "Is any child at immediate risk of harm?"],
  ["vulnerable", "Are any of the children vulnerable?"], ["sharedFurther", "Has it been shared beyond its intended recipient?"],
];

/** @param {CaseFilesView} files @param {IncidentContext} ctx @param {boolean} canChange */
function riskAssessments(files, ctx, canChange) {
  const rows = files.riskAssessments;
  const el = form("UKCIS risk assessment", "Record the assessment",
    field("Ages of the children involved", input("ra-ages"), { name: "ages" }),
    QUESTIONS.map(([name, question]) => radios(`ra-${name}`, question, name, YES_NO, "")),
    field("How the child is vulnerable", textarea("ra-vulnerability"), { name: "vulnerability", optional: true, hint: "Needed when a child is vulnerable." }),
    field("How far it was shared", textarea("ra-furtherSharing"), { name: "furtherSharing", optional: true, hint: "Needed when it was shared further." }),
    field("Other agencies checked", textarea("ra-agenciesChecked"), { name: "agenciesChecked", hint: "For example: MASH not known; police no record." }),
    field("Decision", choose("ra-decision", RISK_DECISIONS, "", { placeholder: "Choose the decision" }), { name: "decision",
      hint: "UKCIS: an adult, coercion, extreme acts, a child under 13 or immediate risk means an immediate referral." }),
    field("Rationale", textarea("ra-rationale"), { name: "rationale" }));
  const value = (id) => orNull(/** @type {import("../forms.js").Control} */ (el.querySelector(`#ra-${id}`)).value.trim());
  return section("UKCIS risk assessment",
    rows.length === 0 ? empty("No risk assessment recorded yet.") : table("Risk assessments", [
      { label: "Version", value: (a) => a.version, rowHeader: true, numeric: true },
      { label: "When", value: (a) => `${fmt.dateTime(a.at)} by ${a.byName}` },
      { label: "Decision", value: (a) => labelOf(RISK_DECISIONS, a.decision) },
      { label: "Triggers", value: (a) => QUESTIONS.filter(([n]) => a[n]).map(([, q]) => q.replace(/^(Is|Are|Does|Has) /, "").replace("?", "")).join("; ") || "none" },
      { label: "Rationale", value: (a) => a.rationale },
    ], rows, { className: "risk-assessments" }),
    canChange ? disclosure(rows.length ? "Record a new assessment (a new version)" : "Record the risk assessment", wire(el, ctx,
      // The questions' answers are spread in from QUESTIONS, so only the named fields can be checked here.
      () => post(ctx, "risk-assessments", /** @satisfies {Partial<IncidentApi["RiskAssessmentRequest"]>} */ ({
        ages: value("ages"), ...Object.fromEntries(QUESTIONS.map(([n]) => [n, yesNo(el, `ra-${n}`)])),
        vulnerability: value("vulnerability"), furtherSharing: value("furtherSharing"), agenciesChecked: value("agenciesChecked"),
        decision: value("decision"), rationale: value("rationale"),
      })), "Risk assessment recorded.")) : null);
}

/** @param {CaseFilesView} files @param {IncidentContext} ctx @param {boolean} canChange @param {boolean} isDsl */
function containment(files, ctx, canChange, isDsl) {
  const kind = choose("ct-kind", CONTAINMENT_KINDS, "content-blocked");
  const el = form("Record containment", "Record it", field("What was done", kind, { name: "kind" }),
    h("div", { class: "row" }, field("Done on", input("ct-doneOn", { type: "date", value: today(), max: today() }), { name: "doneOn" }),
      field("Platform", input("ct-platform"), { name: "platform", optional: true, hint: "For a report to a platform, e.g. Snapchat." }),
      field("Reference", input("ct-reference"), { name: "reference", optional: true })),
    field("Which content, account or copies", textarea("ct-what"), { name: "what" }));
  const confirm = form("No agency needs the copies", "Record the decision",
    field("Why no agency needs the copies", textarea("ct-rationale"), { name: "rationale", hint: "For example: the police confirmed they need none (their reference)." }));
  const v = (root, id) => orNull(root.querySelector(`#${id}`).value.trim());
  return section("Containment",
    files.containment.length === 0 ? empty("No containment recorded yet.") : table("Containment", [
      { label: "Done", value: (c) => fmt.date(c.doneOn), rowHeader: true }, { label: "What", value: (c) => labelOf(CONTAINMENT_KINDS, c.kind) },
      { label: "Detail", value: (c) => [c.what, c.platform, c.reference].filter(Boolean).join(" · ") }, { label: "By", value: (c) => c.byName },
    ], files.containment, { className: "containment" }),
    h("p", { class: "hint" }, files.copiesMayBeDeleted ? "The DSL has recorded that no agency needs the copies: they may be deleted."
      : "Copies may be deleted only once the DSL records that no agency (police, IWF, social care) needs them."),
    canChange ? disclosure("Record a containment action", wire(el, ctx, () => post(ctx, `containment/${kind.value}`,
      /** @satisfies {IncidentApi["ContainmentRequest"]} */ ({ doneOn: v(el, "ct-doneOn"), what: v(el, "ct-what"), platform: v(el, "ct-platform"),
        reference: v(el, "ct-reference") })), "Containment recorded.")) : null,
    canChange && isDsl ? disclosure("Record that no agency needs the copies", wire(confirm, ctx,
      () => post(ctx, "containment/copies-not-needed", /** @satisfies {IncidentApi["CopiesNotNeededRequest"]} */ ({ rationale: v(confirm, "ct-rationale") })),
      "Decision recorded: copies may be deleted.")) : null);
}

/** @param {CaseFilesView} files @param {IncidentContext} ctx @param {boolean} canChange @param {boolean} isDsl */
function evidenceFiles(files, ctx, canChange, isDsl) {
  if (!files.evidenceFilesAllowed)
    return section("Screenshots", h("p", { class: "note" }, "No screenshot or image is kept for this incident. UKCIS: imagery of nudes, "
      + "indecent images or sexual harassment is never copied or stored; record a reference to where it is held instead."));
  const viewer = h("div", { class: "evidence-viewer", "aria-live": "polite" });
  const open = async (f) => {
    clear(viewer, h("p", { role: "status" }, "Opening the file… (this view is recorded in the access log)"));
    try {
      const { blob } = await getBlob(`/api/incident/incidents/${ctx.incidentId}/evidence-files/${f.id}`, f.contentType);
      // The page's CSP allows data: images, not blob: ones.
      const src = await new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      });
      clear(viewer, h("figure", {}, h("img", { src, alt: f.description }), h("figcaption", {}, f.description)));
    } catch (error) {
      clear(viewer, h("p", { class: "state error", role: "alert" }, `Could not open the file: ${error?.message ?? error}`));
    }
  };
  const file = h("input", { id: "ef-file", name: "ef-file", type: "file", accept: "image/png,image/jpeg,image/webp" });
  const confirmBox = h("input", { id: "ef-confirm", name: "ef-confirm", type: "checkbox" });
  const el = form("Keep a screenshot", "Keep the screenshot",
    field("Screenshot", file, { name: "file", hint: "PNG, JPEG or WebP, at most 1 MB." }),
    field("What it shows", input("ef-description"), { name: "description", hint: "Describe the messages, never a child's body." }),
    h("div", { class: "field checkbox" }, h("p", { class: "field-error", id: "ef-confirm-error", hidden: true }),
      confirmBox,
      h("label", { for: "ef-confirm" }, "I confirm this screenshot shows no nudity or sexual content.")));
  confirmBox.dataset.field = "noNudityConfirmed";
  return section("Screenshots",
    files.evidenceFiles.length === 0 ? empty("No screenshots kept.") : table("Screenshots", [
      { label: "Kept", value: (f) => `${fmt.dateTime(f.at)} by ${f.byName}`, rowHeader: true }, { label: "What it shows", value: (f) => f.description },
      { label: "Size", value: (f) => `${Math.ceil(Number(f.length) / 1024)} KB`, numeric: true },
      { label: "Open", value: (f) => isDsl ? h("button", { type: "button", class: "button small secondary", onclick: () => open(f) }, "Open (DSL)") : "DSL only" },
    ], files.evidenceFiles, { className: "evidence-files" }),
    viewer,
    canChange ? disclosure("Keep a screenshot as evidence", wire(el, ctx, () => {
      const data = new FormData();
      if (file.files[0]) data.append("file", file.files[0]);
      data.append("description", /** @type {HTMLInputElement} */ (el.querySelector("#ef-description")).value.trim());
      data.append("noNudityConfirmed", confirmBox.checked ? "true" : "false");
      return postForm(`/api/incident/incidents/${ctx.incidentId}/evidence-files`, data, { "If-Match": ctx.etag });
    }, "Screenshot kept, sealed with the incident.")) : null);
}

/** @param {IncidentApi["IncidentView"]} i @param {IncidentContext} ctx */
function linkedCases(i, ctx) {
  const body = h("div", {}, h("p", { role: "status" }, "Loading linked cases…"));
  (async () => {
    try {
      const { data } = await /** @type {ReturnType<typeof getJson<IncidentApi["CaseLinkList"]>>} */ (getJson("/api/incident/case-links"));
      const mine = data.items.filter((l) => l.yourIncidentId === i.id);
      const school = choose("cl-school", data.schools.map((s) => ({ value: s.urn, label: s.name })), "", { placeholder: "Choose a school of the trust" });
      const el = form("Ask another school to link this case", "Send the request",
        field("School", school, { name: "schoolUrn" }),
        field("What you share", textarea("cl-sharedSummary"), { name: "sharedSummary", hint: "A summary, no more than they need: it is all they will see of your record." }),
        field("Why they need it", textarea("cl-purpose"), { name: "purpose" }),
        field("Basis for sharing", input("cl-lawfulBasis", { value: "KCSIE / Working Together 2023; UK GDPR 6(1)(e), 9(2)(g)" }), { name: "lawfulBasis" }));
      const v = (id) => orNull(/** @type {import("../forms.js").Control} */ (el.querySelector(`#${id}`)).value.trim());
      clear(body,
        mine.length === 0 ? empty("Not linked with another school.") : table("Linked cases", [
          { label: "School", value: (l) => h("a", { href: `#/case-links/${l.id}` }, l.otherSchoolName), rowHeader: true },
          { label: "Status", value: (l) => badge(l.status, l.status === "accepted" ? "good" : l.status === "declined" ? "neutral" : "warn") },
          { label: "Asked", value: (l) => fmt.dateTime(l.requestedAt) },
        ], mine, { className: "case-links" }),
        disclosure("Ask another school of the trust to work this case with you", wire(el, ctx,
          () => postJson(`/api/incident/incidents/${i.id}/case-links`, /** @satisfies {IncidentApi["CaseLinkRequest"]} */ ({ schoolUrn: v("cl-school"),
            sharedSummary: v("cl-sharedSummary"), purpose: v("cl-purpose"), lawfulBasis: v("cl-lawfulBasis") })),
          "Link requested: the other school's DSL will see your summary.")));
    } catch (error) {
      clear(body, h("p", { class: "state error", role: "alert" }, `Could not load linked cases: ${error?.message ?? error}`));
    }
  })();
  return section("Linked cases", h("p", { class: "hint" }, "Work this case with another school of the trust: each school keeps its own record; only the summaries you share are seen."), body);
}

/** @param {IncidentApi["IncidentView"]} i @param {IncidentContext} ctx */
function pupilContext(i, ctx) {
  const pupils = [...new Set((i.people ?? []).map((p) => p.pupilId).filter((p) => p && p !== "[erased]"))];
  if (pupils.length === 0) return null;
  return section("Pupils' context", h("p", { class: "hint" }, "Vulnerability context is for the DSL alone and is sealed with each pupil's record."),
    pupils.map((pupil) => contextFor(pupil, ctx)));
}

/** @param {string} pupil @param {IncidentContext} ctx */
function contextFor(pupil, ctx) {
  const box = h("div", { class: "pupil-context" }, h("p", { role: "status" }, `Loading ${pupil}…`));
  const load = async (message) => {
    try {
      const { data, etag } = await /** @type {ReturnType<typeof getJson<IncidentApi["PupilContextView"]>>} */ (
        getJson(`/api/incident/pupils/${encodeURIComponent(pupil)}/context`));
      const flags = data.flags ?? {};
      const set = VULNERABILITIES.filter((v) => flags[v.value]);
      const boxes = VULNERABILITIES.map((v) => h("div", { class: "checkbox" },
        h("input", { type: "checkbox", id: `pc-${pupil}-${v.value}`, checked: !!flags[v.value] }), h("label", { for: `pc-${pupil}-${v.value}` }, v.label)));
      const note = textarea(`pc-${pupil}-note`, data.note ?? "");
      const el = form(`Context of ${pupil}`, "Save the context", h("fieldset", { class: "field-group" }, h("legend", {}, "Applies to this pupil"), boxes),
        field("Note", note, { name: "note", optional: true }));
      onSubmit(el, {
        // The flags are spread in from VULNERABILITIES, so only the note can be checked here.
        send: () => putJson(`/api/incident/pupils/${encodeURIComponent(pupil)}/context`, /** @satisfies {Partial<IncidentApi["PupilContextRequest"]>} */ ({
          ...Object.fromEntries(VULNERABILITIES.map((v) => [v.value,
            /** @type {HTMLInputElement} */ (el.querySelector(`#pc-${CSS.escape(pupil)}-${v.value}`)).checked])),
          note: orNull(note.value.trim()),
        }), { "If-Match": etag ?? `"${data.version}"` }),
        done: () => load("Context saved."), reload: () => load(), record: "pupil's context",
      });
      clear(box, h("h3", {}, pupil),
        data.erased ? h("p", { class: "note" }, "This pupil's context was erased.")
          : data.version === 0 ? empty("No context recorded.") : h("p", {}, set.length ? set.map((v) => badge(v.label, "warn")) : "None of these apply.",
            ` (${data.updatedByName}, ${fmt.dateTime(data.updatedAt)})`),
        data.note ? h("p", { class: "prose" }, data.note) : null,
        message ? h("p", { role: "status" }, message) : null,
        disclosure(`Record ${pupil}'s context`, el));
    } catch (error) {
      clear(box, h("p", { class: "state error", role: "alert" }, `Could not load ${pupil}'s context: ${error?.message ?? error}`));
    }
  };
  load();
  return box;
}
