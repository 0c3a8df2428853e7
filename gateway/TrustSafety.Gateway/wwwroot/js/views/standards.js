// @ts-check
import { getJson, postJson, putJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, stat, withStates, badge } from "../ui.js";
import { field, input, textarea, radios, checkedValue, disclosure, form, onSubmit, today } from "../forms.js";
import { REVIEW_CHECKLIST } from "../lists.js";

/** @typedef {import("../../../../../web/types/reporting").components["schemas"]} ReportingApi */
/** @typedef {import("../forms.js").Control} Control */
/**
 * What the forms share: read the evidence again (with a message), clear the flash, and the If-Match of this read.
 * @typedef {{ load: (message?: string) => Promise<void>, quiet: () => void, ifMatch: Record<string, string> }} StandardsContext
 */

/**
 * The school's evidence for the DfE filtering and monitoring standards (reporting /standards): the named senior leader
 * and governor, annual reviews with their checklist, staff requests to unblock a site and their outcomes (the
 * over-blocking review), and the log of what is blocked or allowed: who asked, who approved, why, until when.
 * @param {HTMLElement} container
 */
export async function render(container) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const body = h("div");
  clear(container, h("h1", {}, "Filtering and monitoring standards"),
    h("p", { class: "lead" }, "The evidence the DfE standards ask for: who is responsible, the annual review, and why things are blocked or allowed."),
    flash, body);

  const load = async (message) => {
    clear(flash);
    await withStates(body, "your school's standards evidence", async () => {
      const { data: e, fetchedAt, etag } = await /** @type {ReturnType<typeof getJson<ReportingApi["FilteringStandardsEvidence"]>>} */ (getJson("/api/reporting/standards"));
      // Every write sends the ETag of this read; the page is read again after each one, so the next carries the new one.
      return content(e, fetchedAt, { load, quiet: () => clear(flash), ifMatch: { "If-Match": etag ?? `"${e.version}"` } });
    });
    if (message) {
      flash.textContent = message;
      flash.focus();
    }
  };
  await load();
}

/**
 * @param {ReportingApi["FilteringStandardsEvidence"]} e
 * @param {Date} fetchedAt
 * @param {StandardsContext} ctx
 */
function content(e, fetchedAt, ctx) {
  const reviews = [...(e.reviews ?? [])].sort((a, b) => b.reviewedOn.localeCompare(a.reviewedOn));
  const last = reviews[0];
  const overdue = !last || last.nextReviewDue < today();
  const requests = [...(e.unblockRequests ?? [])].sort((a, b) => (Number(!a.outcome) - Number(!b.outcome)) * -1 || b.requestedAt.localeCompare(a.requestedAt));
  return [
    freshness("reporting", fetchedAt),
    h("div", { class: "stats" },
      stat("Senior leader", e.sltMember ?? "Not named", e.sltMember ? undefined : "Name one below"),
      stat("Governor", e.governor ?? "Not named", e.governor ? undefined : "Name one below"),
      stat("Next review due", last ? fmt.date(last.nextReviewDue) : "No review yet", overdue ? "Overdue" : `Last review ${fmt.date(last.reviewedOn)}`),
      stat("Block/allow decisions", fmt.number((e.decisions ?? []).length)),
      stat("Unblock requests waiting", fmt.number(requests.filter((r) => !r.outcome).length), averageHours(requests))),
    section("Responsibilities",
      h("dl", { class: "facts" }, h("dt", {}, "Senior leader (SLT)"), h("dd", {}, e.sltMember ?? "Not named"),
        h("dt", {}, "Governor"), h("dd", {}, e.governor ?? "Not named")),
      disclosure(e.sltMember ? "Change who is responsible" : "Name who is responsible", responsibilitiesForm(e, ctx), { open: !e.sltMember })),
    section("Annual reviews",
      table("Reviews of filtering and monitoring", [
        { label: "Reviewed on", value: (r) => fmt.date(r.reviewedOn), rowHeader: true },
        { label: "Outcome", value: (r) => r.outcome },
        { label: "Reviewed by", value: (r) => (r.participants ? `${r.participants.slt} (SLT), ${r.participants.dsl} (DSL), ${r.participants.it} (IT)` : "—") },
        { label: "Checklist", value: (r) => checklistSummary(r.checklist) },
        { label: "Next review due", value: (r) => fmt.date(r.nextReviewDue) },
        { label: "Recorded by", value: (r) => r.by },
      ], reviews, { emptyMessage: "No review recorded yet. The standards expect one at least every year.", className: "reviews" }),
      overdue ? h("p", {}, badge(last ? "Review overdue" : "No review recorded", "bad")) : null,
      disclosure("Record a review", reviewForm(ctx))),
    section("Unblock requests",
      h("p", {}, "Staff ask for a blocked site they need for teaching; each answer, and how long it took, is the evidence that over-blocking is reviewed."),
      table("Requests to unblock a site (waiting first)", [
        { label: "Asked", value: (r) => fmt.dateTime(r.requestedAt), rowHeader: true },
        { label: "Site", value: (r) => r.site },
        { label: "Why it is needed", value: (r) => r.reason },
        { label: "Asked by", value: (r) => r.requestedBy },
        { label: "Outcome", value: (r) => (r.outcome ? badge(r.outcome.replace("-", " "), r.outcome === "unblocked" ? "good" : "warn") : badge("waiting", "bad")) },
        { label: "Why", value: (r) => r.decisionReason ?? "—" },
        { label: "Until", value: (r) => (r.outcome === "unblocked" ? (r.until ? fmt.date(r.until) : "no end date") : "—") },
        { label: "Decided by", value: (r) => r.decidedBy ?? "—" },
        { label: "Hours to decide", value: (r) => fmt.number(r.hoursToDecide, 1), numeric: true },
      ], requests, { emptyMessage: "No unblock requests yet. Staff ask from the “Ask to unblock a site” page.", className: "unblock-requests" }),
      requests.some((r) => !r.outcome) ? disclosure("Decide an unblock request", unblockDecisionForm(requests.filter((r) => !r.outcome), ctx)) : null),
    section("Block and allow decisions",
      table("What is blocked or allowed, and why", [
        { label: "Decided on", value: (d) => fmt.date(d.decidedOn), rowHeader: true },
        { label: "Decision", value: (d) => badge(d.kind, d.kind === "block" ? "warn" : "good") },
        { label: "What", value: (d) => d.what },
        { label: "Reason", value: (d) => d.reason },
        { label: "Asked by", value: (d) => d.requestedBy ?? "—" },
        { label: "Approved by", value: (d) => d.approvedBy ?? "—" },
        { label: "Until", value: (d) => (d.until ? fmt.date(d.until) : "no end date") },
        { label: "Recorded by", value: (d) => d.by },
      ], [...(e.decisions ?? [])].sort((a, b) => b.decidedOn.localeCompare(a.decidedOn)), { emptyMessage: "No decisions recorded yet.", className: "decisions" }),
      disclosure("Record a decision", decisionForm(ctx))),
  ];
}

/**
 * Sends a form with If-Match; a 412 says the evidence changed since it was read and offers to read it again.
 * @param {HTMLFormElement} el
 * @param {StandardsContext} ctx
 * @param {(headers: Record<string, string>) => Promise<unknown>} send
 * @param {string} message
 */
function submit(el, ctx, send, message) {
  onSubmit(el, { send: () => send(ctx.ifMatch), done: () => ctx.load(message), reload: () => ctx.load(), starting: ctx.quiet,
    record: "standards evidence" });
}

/** @param {ReportingApi["FilteringStandardsEvidence"]} e @param {StandardsContext} ctx */
function responsibilitiesForm(e, ctx) {
  const el = form("Name who is responsible", "Save the names",
    field("Senior leader (SLT)", input("standards-sltMember", { value: e.sltMember ?? "", autocomplete: "name" }), { name: "sltMember",
      hint: "The member of the senior leadership team responsible for filtering and monitoring." }),
    field("Governor", input("standards-governor", { value: e.governor ?? "", autocomplete: "name" }), { name: "governor",
      hint: "The governor who oversees filtering and monitoring." }));
  submit(el, ctx, (headers) => putJson("/api/reporting/standards/responsibilities", values(el), headers), "Responsibilities saved.");
  return el;
}

/** @param {ReportingApi["UnblockRequestEntry"][]} requests */
function averageHours(requests) {
  const decided = requests.filter((r) => r.hoursToDecide !== null && r.hoursToDecide !== undefined);
  if (!decided.length) return undefined;
  return `${fmt.number(decided.reduce((t, r) => t + Number(r.hoursToDecide), 0) / decided.length, 1)} hours to decide on average`;
}

/** @param {ReportingApi["ReviewEntry"]["checklist"]} checklist */
function checklistSummary(checklist) {
  if (!checklist?.length) return "—";
  const open = checklist.filter((a) => !a.done);
  return h("span", {}, `${checklist.length - open.length} of ${checklist.length} done`,
    open.length ? h("ul", { class: "plain" }, open.map((a) => h("li", {},
      `${REVIEW_CHECKLIST.find((i) => i.code === a.item)?.role ?? ""}: ${a.note ?? ""}`))) : null);
}

/** @param {StandardsContext} ctx */
function reviewForm(ctx) {
  const items = REVIEW_CHECKLIST.map((item, i) => {
    const note = input(`check-${item.code}-note`);
    return h("div", { class: "checklist-item" },
      radios(`check-${item.code}`, `${item.role}: ${item.text}`, `checklist[${i}].done`,
        [{ value: "true", label: "Done" }, { value: "false", label: "Not done" }], ""),
      field("If not done: what will be done, by whom and when", note, { name: `checklist[${i}].note`, optional: true }));
  });
  const el = form("Record a review", "Record the review",
    h("div", { class: "row" },
      field("Reviewed on", input("standards-reviewedOn", { type: "date", value: today(), max: today() }), { name: "reviewedOn" }),
      field("Next review due", input("standards-nextReviewDue", { type: "date" }), { name: "nextReviewDue", optional: true,
        hint: "Left empty: a year after this review." })),
    field("Outcome of the review", textarea("standards-outcome"), { name: "outcome", hint: "What was checked and what changes follow." }),
    h("fieldset", { class: "field-group" }, h("legend", {}, "Who carried out the review"),
      h("div", { class: "row" },
        field("Senior leader (SLT)", input("review-slt", { autocomplete: "name" }), { name: "participants.slt" }),
        field("DSL", input("review-dsl", { autocomplete: "name" }), { name: "participants.dsl" }),
        field("IT (lead or service provider)", input("review-it", { autocomplete: "name" }), { name: "participants.it" }))),
    h("fieldset", { class: "field-group", "data-field": "checklist" }, h("legend", {}, "Checklist"),
      h("p", { class: "field-error", id: "review-checklist-error", hidden: true }), items));
  const body = () => (/** @satisfies {ReportingApi["RecordReview"]} */ ({
    reviewedOn: /** @type {Control} */ (el.querySelector("#standards-reviewedOn")).value || null,
    nextReviewDue: /** @type {Control} */ (el.querySelector("#standards-nextReviewDue")).value || null,
    outcome: /** @type {Control} */ (el.querySelector("#standards-outcome")).value.trim() || null,
    participants: { slt: /** @type {Control} */ (el.querySelector("#review-slt")).value.trim() || null, dsl: /** @type {Control} */ (el.querySelector("#review-dsl")).value.trim() || null,
      it: /** @type {Control} */ (el.querySelector("#review-it")).value.trim() || null },
    checklist: REVIEW_CHECKLIST.map((item) => {
      const done = checkedValue(el, `check-${item.code}`);
      return { item: item.code, done: done === "" ? null : done === "true", note: /** @type {Control} */ (el.querySelector(`#check-${item.code}-note`)).value.trim() || null };
    }),
  }));
  submit(el, ctx, (headers) => postJson("/api/reporting/standards/reviews", body(), headers), "Review recorded.");
  return el;
}

/** @param {ReportingApi["UnblockRequestEntry"][]} open @param {StandardsContext} ctx */
function unblockDecisionForm(open, ctx) {
  const request = h("select", { id: "unblock-request" }, open.map((r) => h("option", { value: r.id }, `${r.site} (asked by ${r.requestedBy})`)));
  const el = form("Decide an unblock request", "Record the answer",
    field("Request", request),
    radios("unblock-outcome", "Answer", "outcome", [{ value: "unblocked", label: "Unblock it" }, { value: "kept-blocked", label: "Keep it blocked" }], ""),
    field("Unblocked until", input("unblock-until", { type: "date", min: today() }), { name: "until", optional: true,
      hint: "Only for an unblock. Left empty: until someone changes it." }),
    field("Reason", textarea("unblock-reason"), { name: "reason", hint: "The person who asked reads it." }));
  submit(el, ctx, (headers) => postJson(`/api/reporting/standards/unblock-requests/${encodeURIComponent(request.value)}/decision`, /** @satisfies {ReportingApi["DecideUnblockRequest"]} */ ({
    outcome: checkedValue(el, "unblock-outcome") || null,
    until: /** @type {Control} */ (el.querySelector("#unblock-until")).value || null,
    reason: /** @type {Control} */ (el.querySelector("#unblock-reason")).value.trim() || null,
  }), headers), "Answer recorded.");
  return el;
}

/**
 * Any member of staff: ask for a blocked site to be unblocked; the DSL or IT answers in Filtering standards.
 * @param {HTMLElement} container
 */
export async function renderUnblock(container) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const el = form("Ask to unblock a site", "Send the request",
    field("Site or page that is blocked", input("unblock-site", { inputmode: "url" }), { name: "site", hint: "For example www.example.org/lesson-plan." }),
    field("Why it is needed", textarea("unblock-why"), { name: "reason", hint: "The lesson or task it is for." }));
  onSubmit(el, {
    busy: "Sending…",
    record: "request",
    starting: () => clear(flash),
    send: () => /** @type {Promise<ReportingApi["UnblockRequestEntry"]>} */ (postJson("/api/reporting/standards/unblock-requests", /** @satisfies {ReportingApi["RequestUnblock"]} */ ({
      site: /** @type {Control} */ (el.querySelector("#unblock-site")).value.trim() || null,
      reason: /** @type {Control} */ (el.querySelector("#unblock-why")).value.trim() || null,
    }))),
    done: async (r) => {
      el.reset();
      flash.textContent = `Your request to unblock ${r.site} is sent. The DSL or IT lead decides it; the answer appears under “Your requests”.`;
      flash.focus();
      await loadMine();
    },
  });
  // Only the person who asked sees their requests here (reporting /standards/unblock-requests/mine).
  const mine = h("div", { class: "my-unblock-requests" });
  const loadMine = () => withStates(mine, "your unblock requests", async () => {
    const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<ReportingApi["UnblockRequestEntry"][]>>} */ (getJson("/api/reporting/standards/unblock-requests/mine"));
    return [freshness("reporting", fetchedAt), table("Your requests to unblock a site (newest first)", [
      { label: "Site", value: (r) => r.site },
      { label: "Asked", value: (r) => fmt.dateTime(r.requestedAt) },
      { label: "Answer", value: (r) => (r.outcome ? badge(r.outcome.replace("-", " "), r.outcome === "unblocked" ? "good" : "warn") : badge("waiting", "bad")) },
      { label: "Until", value: (r) => (r.outcome === "unblocked" ? (r.until ? fmt.date(r.until) : "no end date") : "—") },
      { label: "Why", value: (r) => r.decisionReason ?? "Not decided yet" },
      { label: "Decided by", value: (r) => r.decidedBy ?? "—" },
    ], data, { emptyMessage: "You have not asked for a site to be unblocked yet. Use the form above; the answer will show here.", className: "unblock-answers" })];
  });
  clear(container, h("h1", {}, "Ask to unblock a site"),
    h("p", { class: "lead" }, "If the filter blocks something you need for teaching, ask here. The school's DSL or IT lead decides, and every answer is recorded."),
    flash, el, section("Your requests", mine));
  await loadMine();
}

/** @param {StandardsContext} ctx */
function decisionForm(ctx) {
  const el = form("Record a decision", "Record the decision",
    radios("standards-kind", "Decision", "kind", [{ value: "block", label: "Block" }, { value: "allow", label: "Allow" }], ""),
    h("div", { class: "row" },
      field("What is blocked or allowed", input("standards-what"), { name: "what", hint: "A category, site or service." }),
      field("Decided on", input("standards-decidedOn", { type: "date", value: today(), max: today() }), { name: "decidedOn" })),
    h("div", { class: "row" },
      field("Asked by", input("standards-requestedBy"), { name: "requestedBy", hint: "Name and role, e.g. J. Smith, Year 9 history." }),
      field("Approved by", input("standards-approvedBy"), { name: "approvedBy", hint: "Name and role, e.g. A. Okafor, DSL." }),
      field("Until", input("standards-until", { type: "date" }), { name: "until", optional: true, hint: "Left empty: until someone changes it." })),
    field("Reason", textarea("standards-reason"), { name: "reason" }));
  submit(el, ctx, (headers) => postJson("/api/reporting/standards/decisions",
    /** @satisfies {Partial<ReportingApi["RecordDecision"]>} */ ({ ...values(el), kind: checkedValue(el, "standards-kind") || null }), headers),
    "Decision recorded.");
  return el;
}

function values(el) {
  const body = {};
  for (const c of /** @type {NodeListOf<Control>} */ (el.querySelectorAll("input[data-field], textarea[data-field]"))) body[c.dataset.field] = c.value.trim() || null;
  return body;
}

/**
 * The trust lead's view of every school's standards evidence: who is overdue, who lacks a named governor.
 * @param {HTMLElement} container
 */
export async function renderTrust(container) {
  const body = h("div");
  clear(container, h("h1", {}, "Filtering standards across the trust"), body);
  await withStates(body, "the schools' standards evidence", async () => {
    const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<ReportingApi["StandardsStatus"][]>>} */ (getJson("/api/reporting/trust/standards"));
    const gaps = (s) => (s.reviewOverdue ? 1 : 0) + (s.governorNamed ? 0 : 1) + (s.sltMemberNamed ? 0 : 1);
    const rows = [...data].sort((a, b) => gaps(b) - gaps(a) || a.name.localeCompare(b.name));
    const yes = (ok, missing) => (ok ? badge("named", "good") : badge(missing, "bad"));
    return [
      freshness("reporting", fetchedAt),
      h("div", { class: "stats" },
        stat("Schools", fmt.number(data.length)),
        stat("Review overdue or missing", fmt.number(data.filter((s) => s.reviewOverdue).length)),
        stat("No named governor", fmt.number(data.filter((s) => !s.governorNamed).length)),
        stat("No named senior leader", fmt.number(data.filter((s) => !s.sltMemberNamed).length))),
      section("Schools", table("Standards evidence by school (schools with gaps first)", [
        { label: "School", value: (s) => s.name, rowHeader: true },
        { label: "Senior leader", value: (s) => yes(s.sltMemberNamed, "not named") },
        { label: "Governor", value: (s) => yes(s.governorNamed, "not named") },
        { label: "Last review", value: (s) => (s.lastReviewOn ? fmt.date(s.lastReviewOn) : "none") },
        { label: "Next due", value: (s) => fmt.date(s.nextReviewDue) },
        { label: "Review", value: (s) => (s.reviewOverdue ? badge(s.lastReviewOn ? "overdue" : "missing", "bad") : badge("up to date", "good")) },
        { label: "Decisions", value: (s) => fmt.number(s.decisions), numeric: true },
        { label: "Unblock requests waiting", value: (s) => fmt.number(s.openUnblockRequests), numeric: true },
        { label: "Hours to decide (average)", value: (s) => fmt.number(s.averageHoursToDecide, 1), numeric: true },
        { label: "Checklist", value: (s) => (s.checklistItems ? `${s.checklistDone} of ${s.checklistItems}` : "—") },
      ], rows, { className: "standards", emptyMessage: "No schools configured." })),
    ];
  });
}
