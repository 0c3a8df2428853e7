// @ts-check
import { getJson, postJson, putJson, etagOf, ApiError } from "../api.js";
import { currentUser } from "../auth.js";
import { h, clear, fmt, freshness, table, section, stat, withStates, badge } from "../ui.js";
import { field, input, textarea, select, disclosure, form, onSubmit, today } from "../forms.js";

/** @typedef {import("../../../../../web/types/governance").components["schemas"]} GovernanceApi */
/** @typedef {import("../forms.js").Control} Control */
/** @typedef {(message: string) => Promise<void>} Changed Reads the part again and announces the message. */

// Several lists answer IResult, so the governance OpenAPI document names no type for them; where the service returns a
// type the document does describe (services/governance), the list is typed with it: /training/people PersonStatus[],
// /policies PolicyStatus[], /group/meetings MeetingView[], /group/lessons LessonView[], /risk-assessments AssessmentView[].

const MANAGERS = ["dsl", "deputy-dsl", "headteacher"];
const API = "/api/governance";

export const KINDS = [
  { value: "safeguarding", label: "Safeguarding" }, { value: "online-safety", label: "Online safety" },
  { value: "prevent", label: "Prevent" }, { value: "dsl", label: "DSL training" }, { value: "governor", label: "Governor safeguarding" },
];
const ROLES = [
  { value: "staff", label: "Staff" }, { value: "dsl", label: "DSL" }, { value: "deputy-dsl", label: "Deputy DSL" },
  { value: "headteacher", label: "Headteacher" }, { value: "it-admin", label: "IT admin" }, { value: "governor", label: "Governor" },
];
const kindLabel = (k) => KINDS.find((x) => x.value === k)?.label ?? (k === "induction" ? "Induction" : fmt.label(k));
const roleLabel = (r) => ROLES.find((x) => x.value === r)?.label ?? fmt.label(r);
const STATE_WORDS = { current: "up to date", "due-soon": "due soon", overdue: "overdue", "never-done": "never done", due: "due",
  "not-approved": "not yet approved", "review-requested": "review requested", "review-due": "review due", "review-overdue": "review overdue" };
const tone = (s) => (["overdue", "never-done", "review-overdue"].includes(s) ? "bad" : ["due", "due-soon", "review-due", "review-requested"].includes(s) ? "warn" : "good");
// The service names a person's training state as an enum (Current, DueSoon, Overdue, NeverDone).
const TRAINING_STATES = { Current: "current", DueSoon: "due-soon", Overdue: "overdue", NeverDone: "never-done" };
const stateBadge = (s) => badge(STATE_WORDS[s] ?? fmt.label(s), tone(s));

/**
 * The school's online-safety governance: training records and the annual audit, the policy register, the
 * online-safety group's meetings and action plan (with lessons learnt from closed incidents), and technology risk
 * assessments. The safeguarding team records; governors read.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { me }) {
  const manages = me.has(...MANAGERS);
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const training = h("div"), policies = h("div"), group = h("div"), risks = h("div");
  clear(container, h("h1", {}, "Governance"),
    h("p", { class: "lead" }, "Training, policies, the online-safety group and technology risk assessments, as the school's policies and governors require."),
    flash,
    h("section", { class: "panel", "aria-labelledby": "gov-training" }, h("h2", { id: "gov-training" }, "Training"), training),
    h("section", { class: "panel", "aria-labelledby": "gov-policies" }, h("h2", { id: "gov-policies" }, "Policy register"), policies),
    h("section", { class: "panel", "aria-labelledby": "gov-group" }, h("h2", { id: "gov-group" }, "Online-safety group"), group),
    h("section", { class: "panel", "aria-labelledby": "gov-risks" }, h("h2", { id: "gov-risks" }, "Technology risk assessments"), risks));
  const done = async (target, load, message) => {
    await load();
    flash.textContent = message;
    flash.focus();
  };
  const loadTraining = () => withStates(training, "training records", () => renderTraining(manages, (m) => done(training, loadTraining, m)));
  const loadPolicies = () => withStates(policies, "the policy register", () => renderPolicies(manages, (m) => done(policies, loadPolicies, m)));
  const loadGroup = () => withStates(group, "the online-safety group", () => renderGroup(manages, me.has("dsl"), (m) => done(group, loadGroup, m)));
  const loadRisks = () => withStates(risks, "risk assessments", () => renderRisks(manages, (m) => done(risks, loadRisks, m)));
  await Promise.all([loadTraining(), loadPolicies(), loadGroup(), loadRisks()]);
}

/** @param {boolean} manages @param {Changed} changed */
async function renderTraining(manages, changed) {
  const [{ data: audit, fetchedAt }, { data: due }, { data: people }] = await Promise.all([
    getJson(`${API}/training/audit`), getJson(`${API}/training/due`), /** @type {ReturnType<typeof getJson<GovernanceApi["PersonStatus"][]>>} */ (getJson(`${API}/training/people`))]);
  const parts = [freshness("the governance service", fetchedAt),
    h("h3", {}, `Annual training audit ${audit.label}`),
    h("div", { class: "stats audit" },
      stat("People", fmt.number(audit.people)),
      stat("Fully up to date", fmt.number(audit.compliant), audit.percentCompliant === null ? undefined : `${fmt.number(audit.percentCompliant, 1)}%`),
      stat("Inductions complete", fmt.number(audit.inductionsComplete)),
      stat("Inductions overdue", fmt.number(audit.inductionsOverdue))),
    table(`Training by kind, ${audit.label}`, [
      { label: "Training", value: (l) => l.label, rowHeader: true },
      { label: "Required of", value: (l) => fmt.number(l.required), numeric: true },
      { label: "Up to date", value: (l) => fmt.number(l.current), numeric: true },
      { label: "Overdue or never done", value: (l) => fmt.number(l.overdue), numeric: true },
      { label: "Completed this year", value: (l) => fmt.number(l.completedInYear), numeric: true },
    ], audit.byKind, { emptyMessage: manages ? "No one is on the training register yet: add staff and governors below." : "No one is on the training register yet.", className: "training-audit" }),
    table(`Due and overdue (${due.length})`, [
      { label: "Person", value: (d) => d.name, rowHeader: true },
      { label: "Role", value: (d) => roleLabel(d.role) },
      { label: "Training", value: (d) => kindLabel(d.kind) },
      { label: "Due", value: (d) => (d.dueOn ? fmt.date(d.dueOn) : "now") },
      { label: "State", value: (d) => stateBadge(d.state) },
    ], due, { emptyMessage: "Nothing is due in the next 30 days." })];
  if (manages) parts.push(trainingForms(people, changed));
  parts.push(table(`Staff and governors (${people.length})`, [
    { label: "Name", value: (p) => p.name, rowHeader: true },
    { label: "Role", value: (p) => roleLabel(p.role) },
    { label: "Induction", value: (p) => (p.inductionComplete ? "done" : p.inductionOverdue ? badge("overdue", "bad") : "due") },
    ...KINDS.map((k) => ({ label: k.label, value: (p) => {
      const t = p.training.find((x) => x.kind === k.value);
      return t ? h("span", {}, stateBadge(TRAINING_STATES[t.state] ?? t.state), t.validUntil ? ` until ${fmt.date(t.validUntil)}` : "") : "—";
    } })),
  ], people, { emptyMessage: "No staff or governors recorded yet." }));
  return parts;
}

/** @param {GovernanceApi["PersonStatus"][]} people @param {Changed} changed */
function trainingForms(people, changed) {
  const personForm = form("Add a member of staff or governor", "Add the person",
    field("Their id", input("person-id"), { name: "personId", hint: "The school's internal id, e.g. the login or payroll number; no spaces." }),
    field("Name", input("person-name"), { name: "name" }),
    field("Role", select("person-role", ROLES, "staff"), { name: "role" }),
    field("Joined on", input("person-joined", { type: "date", value: today() }), { name: "joinedOn" }));
  onSubmit(personForm, {
    record: "training record",
    send: async () => {
      const url = `${API}/training/people/${encodeURIComponent(/** @type {Control} */ (personForm.querySelector("#person-id")).value.trim() || " ")}`;
      return /** @type {Promise<GovernanceApi["PersonView"]>} */ (putJson(url, /** @satisfies {GovernanceApi["AddPerson"]} */ ({
        name: /** @type {Control} */ (personForm.querySelector("#person-name")).value, role: /** @type {Control} */ (personForm.querySelector("#person-role")).value,
        joinedOn: /** @type {Control} */ (personForm.querySelector("#person-joined")).value || null,
      }), { "If-Match": await etagOf(url) }));
    },
    done: (p) => changed(`${p.status.name} is on the training register.`),
  });

  const attendees = h("fieldset", { class: "field-group", id: "session-attendees", "aria-describedby": "session-attendees-error" },
    h("legend", {}, "Who attended"),
    h("p", { class: "field-error", id: "session-attendees-error", hidden: true }),
    people.length ? h("div", { class: "checkboxes" }, people.map((p) => h("div", { class: "checkbox" },
      h("input", { type: "checkbox", id: `att-${p.personId}`, name: "attendee", value: p.personId }),
      h("label", { for: `att-${p.personId}` }, `${p.name} (${roleLabel(p.role)})`))))
      : h("p", { class: "state empty" }, "Add staff and governors first: they are listed here to tick."));
  attendees.dataset.field = "attendees";
  const sessionForm = form("Record a training session", "Record the session",
    field("Training", select("session-kind", KINDS, "", { placeholder: "Choose the training" }), { name: "kind" }),
    field("Date", input("session-date", { type: "date", value: today() }), { name: "completedOn" }),
    field("Provider", input("session-provider"), { name: "provider", hint: "Who gave it, e.g. the local authority or an e-learning course." }),
    field("Certificate reference", input("session-cert"), { name: "certificateRef", optional: true }),
    attendees);
  onSubmit(sessionForm, {
    record: "training record",
    words: { kind: "Choose the training." },
    send: () => postJson(`${API}/training/sessions`, /** @satisfies {GovernanceApi["RecordSession"]} */ ({
      kind: /** @type {Control} */ (sessionForm.querySelector("#session-kind")).value || null,
      completedOn: /** @type {Control} */ (sessionForm.querySelector("#session-date")).value || null,
      provider: /** @type {Control} */ (sessionForm.querySelector("#session-provider")).value,
      certificateRef: /** @type {Control} */ (sessionForm.querySelector("#session-cert")).value || null,
      attendees: [.../** @type {NodeListOf<HTMLInputElement>} */ (sessionForm.querySelectorAll('input[name="attendee"]:checked'))].map((c) => c.value),
    })),
    done: (r) => changed(`Training recorded for ${r.recorded} ${r.recorded === 1 ? "person" : "people"}${r.alreadyRecorded.length ? ` (${r.alreadyRecorded.length} already had it)` : ""}.`),
  });

  const file = h("input", { type: "file", id: "import-file", accept: ".csv,text/csv" });
  const result = h("div", { class: "import-result", role: "status" });
  const importForm = form("Import training records", "Import the file",
    field("CSV file", file, { name: "file", hint: "Columns: person_id, name, role, joined_on, kind, completed_on, provider, certificate_ref (name, role and joined_on only for someone new)." }),
    result);
  onSubmit(importForm, {
    record: "training record",
    send: async () => {
      const text = file.files?.[0] ? await file.files[0].text() : "";
      const user = await currentUser();
      const response = await fetch(`${API}/training/import`, { method: "POST", body: text,
        headers: { "Content-Type": "text/csv", Accept: "application/json", Authorization: `Bearer ${user?.access_token}` } });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new ApiError(response.status, body);
      return body;
    },
    done: async (r) => {
      if (!r.rejected.length) { await changed(`Imported ${r.recorded} training records (${r.peopleAdded} people added).`); return; }
      clear(result, h("p", {}, `Imported ${r.recorded} training records (${r.peopleAdded} people added). ${r.rejected.length} rows were not imported:`),
        table("Rows not imported", [{ label: "Row", value: (x) => x.row, rowHeader: true }, { label: "Why", value: (x) => x.reason }], r.rejected));
    },
  });

  return h("div", { class: "forms" },
    disclosure("Record a training session", sessionForm),
    disclosure("Add a member of staff or governor", personForm),
    disclosure("Import training records from a spreadsheet", importForm));
}

/** @param {boolean} manages @param {Changed} changed */
async function renderPolicies(manages, changed) {
  const [{ data: list, fetchedAt }, { data: suggested }] = await Promise.all([/** @type {ReturnType<typeof getJson<GovernanceApi["PolicyStatus"][]>>} */ (getJson(`${API}/policies`)), getJson(`${API}/policies/suggested`)]);
  const parts = [freshness("the governance service", fetchedAt), table(`Policies (${list.length})`, [
    { label: "Policy", value: (p) => p.title, rowHeader: true },
    { label: "Version", value: (p) => p.versionLabel ?? "—" },
    { label: "Approved by", value: (p) => p.approvedBy ?? "—" },
    { label: "Approved", value: (p) => fmt.date(p.approvedOn) },
    { label: "Next review", value: (p) => fmt.date(p.reviewDueOn) },
    { label: "State", value: (p) => stateBadge(p.state) },
    { label: "Review requested", value: (p) => (p.openRequests.length ? p.openRequests.map((r) => r.reason).join("; ") : "—") },
  ], list, { emptyMessage: manages ? "No policies on the register yet: add the school's online-safety policy below." : "No policies on the register yet." })];
  if (!manages) return parts;

  const missing = suggested.filter((s) => !s.onRegister);
  const addForm = form("Add a policy to the register", "Add the policy",
    field("Policy", select("policy-code", [...missing.map((s) => ({ value: s.code, label: s.title })), { value: "other", label: "Another policy" }], missing[0]?.code ?? "other"),
      { name: "code" }),
    field("Code for another policy", input("policy-other"), { name: "code", optional: true, hint: "Lower case words joined by hyphens, e.g. social-media." }),
    field("Title", input("policy-title", { value: missing[0]?.title ?? "" }), { name: "title" }));
  addForm.querySelector("#policy-code").addEventListener("change", (e) => {
    const s = suggested.find((x) => x.code === /** @type {HTMLSelectElement} */ (e.target).value);
    /** @type {Control} */ (addForm.querySelector("#policy-title")).value = s?.title ?? "";
  });
  onSubmit(addForm, {
    record: "policy",
    send: async () => {
      const chosen = /** @type {Control} */ (addForm.querySelector("#policy-code")).value;
      const code = chosen === "other" ? /** @type {Control} */ (addForm.querySelector("#policy-other")).value.trim() || " " : chosen;
      const url = `${API}/policies/${encodeURIComponent(code)}`;
      return /** @type {Promise<GovernanceApi["PolicyStatus"]>} */ (putJson(url,
        /** @satisfies {GovernanceApi["RegisterPolicy"]} */ ({ title: /** @type {Control} */ (addForm.querySelector("#policy-title")).value }), { "If-Match": await etagOf(url) }));
    },
    done: (p) => changed(`${p.title} is on the register.`),
  });

  const approveForm = form("Record an approved version", "Record the approval",
    field("Policy", select("approve-code", list.map((p) => ({ value: p.code, label: p.title })), "", { placeholder: "Choose the policy" }), { name: "code" }),
    field("Version", input("approve-label"), { name: "versionLabel", optional: true, hint: "As printed on the policy, e.g. 2.1." }),
    field("Approved by", input("approve-by"), { name: "approvedBy", hint: "e.g. Full governing board" }),
    field("Approved on", input("approve-on", { type: "date", value: today() }), { name: "approvedOn" }),
    field("Next review", input("approve-next", { type: "date" }), { name: "nextReviewOn", optional: true, hint: "A year after approval if left empty." }));
  onSubmit(approveForm, {
    record: "policy",
    send: async () => {
      const code = /** @type {Control} */ (approveForm.querySelector("#approve-code")).value;
      if (!code) throw new ApiError(400, { title: "Choose the policy", errors: { code: ["Choose the policy."] } });
      const { etag } = await getJson(`${API}/policies/${encodeURIComponent(code)}`);
      // documentUrl left out: the form does not ask for it.
      return /** @type {Promise<GovernanceApi["PolicyStatus"]>} */ (postJson(`${API}/policies/${encodeURIComponent(code)}/versions`,
        /** @satisfies {Partial<GovernanceApi["ApprovePolicyVersion"]>} */ ({
        versionLabel: /** @type {Control} */ (approveForm.querySelector("#approve-label")).value || null, approvedBy: /** @type {Control} */ (approveForm.querySelector("#approve-by")).value,
        approvedOn: /** @type {Control} */ (approveForm.querySelector("#approve-on")).value || null, nextReviewOn: /** @type {Control} */ (approveForm.querySelector("#approve-next")).value || null,
      }), { "If-Match": etag }));
    },
    done: (p) => changed(`${p.title}: version ${p.versionLabel} recorded; next review ${fmt.date(p.reviewDueOn)}.`),
  });
  parts.push(h("div", { class: "forms" }, disclosure("Add a policy to the register", addForm),
    list.length ? disclosure("Record an approved version", approveForm) : null));
  return parts;
}

/** @param {boolean} manages @param {boolean} isDsl @param {Changed} changed */
async function renderGroup(manages, isDsl, changed) {
  const [{ data: meetings, fetchedAt }, { data: plan }, { data: lessons }] = await Promise.all([
    /** @type {ReturnType<typeof getJson<GovernanceApi["MeetingView"][]>>} */ (getJson(`${API}/group/meetings`)), getJson(`${API}/group/actions`), /** @type {ReturnType<typeof getJson<GovernanceApi["LessonView"][]>>} */ (getJson(`${API}/group/lessons`))]);
  const parts = [freshness("the governance service", fetchedAt),
    table(`Meetings (${meetings.length})`, [
      { label: "Held", value: (m) => fmt.date(m.heldOn), rowHeader: true },
      { label: "Term", value: (m) => fmt.label(m.term) },
      { label: "Attended", value: (m) => m.attendees },
      { label: "Notes", value: (m) => m.notes },
    ], meetings, { emptyMessage: manages ? "No meetings recorded yet: record this term's meeting below." : "No meetings recorded yet." }),
    table(`Action plan (${plan.length})`, [
      { label: "Action", value: (i) => i.action.description, rowHeader: true },
      { label: "Owner", value: (i) => i.action.owner },
      { label: "Due", value: (i) => fmt.date(i.action.dueOn) },
      { label: "Status", value: (i) => (i.overdue ? badge("overdue", "bad") : badge(fmt.label(i.action.status), i.action.status === "done" ? "good" : "neutral")) },
      { label: "Agreed at", value: (i) => fmt.date(i.heldOn) },
    ], plan, { emptyMessage: "No actions agreed yet." }),
    table(`Lessons learnt from closed incidents (${lessons.length})`, [
      { label: "Incident", value: (l) => h("a", { href: l.incidentLink }, "Open the incident"), rowHeader: true },
      { label: "Summary (the DSL's own words)", value: (l) => l.summary },
      { label: "Policy to review", value: (l) => l.policyCode ? fmt.label(l.policyCode) : "—" },
      { label: "Recorded", value: (l) => fmt.date(l.at) },
    ], lessons, { emptyMessage: "No lessons learnt recorded yet." })];
  if (!manages) return parts;

  const meetingForm = form("Record a group meeting", "Record the meeting",
    field("Held on", input("meeting-date", { type: "date", value: today() }), { name: "heldOn" }),
    field("Who attended", input("meeting-attendees"), { name: "attendees", hint: "Roles or names, e.g. DSL, headteacher, IT lead, link governor." }),
    field("Notes", textarea("meeting-notes"), { name: "notes" }));
  onSubmit(meetingForm, {
    record: "meeting",
    send: () => /** @type {Promise<GovernanceApi["MeetingView"]>} */ (postJson(`${API}/group/meetings`, /** @satisfies {GovernanceApi["HoldMeeting"]} */ ({ heldOn: /** @type {Control} */ (meetingForm.querySelector("#meeting-date")).value || null,
      attendees: /** @type {Control} */ (meetingForm.querySelector("#meeting-attendees")).value, notes: /** @type {Control} */ (meetingForm.querySelector("#meeting-notes")).value }))),
    done: (m) => changed(`Meeting of ${fmt.date(m.heldOn)} recorded.`),
  });
  const actionForm = form("Add an action to the plan", "Add the action",
    field("Meeting", select("action-meeting", meetings.map((m) => ({ value: m.id, label: `${fmt.date(m.heldOn)} (${fmt.label(m.term)})` })), meetings[0]?.id), { name: "meetingId" }),
    field("Action", input("action-description"), { name: "description" }),
    field("Owner", input("action-owner"), { name: "owner" }),
    field("Due", input("action-due", { type: "date" }), { name: "dueOn" }),
    field("Answers the lesson", select("action-lesson", lessons.map((l) => ({ value: l.id, label: l.summary.slice(0, 80) })), "", { placeholder: "None" }),
      { name: "lessonId", optional: true }));
  onSubmit(actionForm, {
    record: "meeting",
    send: async () => {
      const id = /** @type {Control} */ (actionForm.querySelector("#action-meeting")).value;
      const { etag } = await getJson(`${API}/group/meetings/${id}`);
      return postJson(`${API}/group/meetings/${id}/actions`, /** @satisfies {GovernanceApi["AgreeAction"]} */ ({ description: /** @type {Control} */ (actionForm.querySelector("#action-description")).value,
        owner: /** @type {Control} */ (actionForm.querySelector("#action-owner")).value, dueOn: /** @type {Control} */ (actionForm.querySelector("#action-due")).value || null,
        lessonId: /** @type {Control} */ (actionForm.querySelector("#action-lesson")).value || null }), { "If-Match": etag });
    },
    done: () => changed("Action added to the plan."),
  });
  const forms = [disclosure("Record a group meeting", meetingForm), meetings.length ? disclosure("Add an action to the plan", actionForm) : null];
  if (isDsl) {
    const lessonForm = form("Record a lesson learnt", "Record the lesson",
      field("Incident id", input("lesson-incident"), { name: "incidentId", hint: "From a closed incident's page. Only a link is kept: nothing of the case is copied." }),
      field("Summary for the group", textarea("lesson-summary"), { name: "summary", hint: "In your own words, naming no pupil." }),
      field("Policy to review", select("lesson-policy", [], ""), { name: "policyCode", optional: true }));
    /** @type {ReturnType<typeof getJson<GovernanceApi["PolicyStatus"][]>>} */ (getJson(`${API}/policies`)).then(({ data }) => clear(lessonForm.querySelector("#lesson-policy"),
      h("option", { value: "" }, "None"), data.map((p) => h("option", { value: p.code }, p.title)))).catch(() => {});
    onSubmit(lessonForm, {
      record: "lesson",
      // reviewDueOn left out: the service's default.
      send: () => postJson(`${API}/group/lessons`, /** @satisfies {Partial<GovernanceApi["RecordLesson"]>} */ ({ incidentId: /** @type {Control} */ (lessonForm.querySelector("#lesson-incident")).value.trim() || null,
        summary: /** @type {Control} */ (lessonForm.querySelector("#lesson-summary")).value, policyCode: /** @type {Control} */ (lessonForm.querySelector("#lesson-policy")).value || null })),
      done: () => changed("Lesson learnt recorded."),
    });
    forms.push(disclosure("Record a lesson learnt from a closed incident", lessonForm));
  }
  parts.push(h("div", { class: "forms" }, forms));
  return parts;
}

/** @param {boolean} manages @param {Changed} changed */
async function renderRisks(manages, changed) {
  const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<GovernanceApi["AssessmentView"][]>>} */ (getJson(`${API}/risk-assessments`));
  const parts = [freshness("the governance service", fetchedAt), table(`Assessments (${data.length})`, [
    { label: "Technology", value: (a) => a.technology, rowHeader: true },
    { label: "Purpose", value: (a) => a.purpose },
    { label: "Decision", value: (a) => fmt.label(a.current.decision) },
    { label: "Risks", value: (a) => a.current.risks.map((r) => `${r.description} (${r.likelihood} likelihood, ${r.impact} impact)`).join("; ") },
    { label: "Review by", value: (a) => fmt.date(a.current.reviewOn) },
    { label: "State", value: (a) => stateBadge(a.state) },
  ], data, { emptyMessage: manages ? "No technology assessed yet: assess a new app before it is used, below." : "No technology assessed yet." })];
  if (!manages) return parts;
  const levels = [{ value: "low", label: "Low" }, { value: "medium", label: "Medium" }, { value: "high", label: "High" }];
  const riskForm = form("Assess a technology", "Record the assessment",
    field("App or technology", input("risk-tech"), { name: "technology" }),
    field("What it is for", input("risk-purpose"), { name: "purpose" }),
    field("Risk", input("risk-description"), { name: "risks.description" }),
    field("Likelihood", select("risk-likelihood", levels, "medium"), { name: "risks.likelihood" }),
    field("Impact", select("risk-impact", levels, "medium"), { name: "risks.impact" }),
    field("Mitigation", input("risk-mitigation"), { name: "risks.mitigation" }),
    field("Decision", select("risk-decision", [{ value: "approved", label: "Approved" }, { value: "approved-with-conditions", label: "Approved with conditions" },
      { value: "not-approved", label: "Not approved" }], "", { placeholder: "Choose the decision" }), { name: "decision" }),
    field("Conditions", input("risk-conditions"), { name: "conditions", optional: true }),
    field("Assessed on", input("risk-on", { type: "date", value: today() }), { name: "assessedOn" }),
    field("Review by", input("risk-review", { type: "date" }), { name: "reviewOn" }));
  onSubmit(riskForm, {
    record: "risk assessment",
    send: () => /** @type {Promise<GovernanceApi["AssessmentView"]>} */ (postJson(`${API}/risk-assessments`, /** @satisfies {GovernanceApi["AssessTechnology"]} */ ({
      technology: /** @type {Control} */ (riskForm.querySelector("#risk-tech")).value, purpose: /** @type {Control} */ (riskForm.querySelector("#risk-purpose")).value,
      risks: [{ description: /** @type {Control} */ (riskForm.querySelector("#risk-description")).value, likelihood: /** @type {Control} */ (riskForm.querySelector("#risk-likelihood")).value,
        impact: /** @type {Control} */ (riskForm.querySelector("#risk-impact")).value, mitigation: /** @type {Control} */ (riskForm.querySelector("#risk-mitigation")).value }],
      decision: /** @type {Control} */ (riskForm.querySelector("#risk-decision")).value || null, conditions: /** @type {Control} */ (riskForm.querySelector("#risk-conditions")).value || null,
      assessedOn: /** @type {Control} */ (riskForm.querySelector("#risk-on")).value || null, reviewOn: /** @type {Control} */ (riskForm.querySelector("#risk-review")).value || null,
    }))),
    done: (a) => changed(`${a.technology} assessed: ${fmt.label(a.current.decision)}.`),
  });
  parts.push(h("div", { class: "forms" }, disclosure("Assess a technology before it is used", riskForm)));
  return parts;
}
