import { getJson, postJson, putJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, stat, withStates, badge } from "../ui.js";
import { field, input, textarea, radios, checkedValue, disclosure, form, onSubmit, today } from "../forms.js";

/**
 * The school's evidence for the DfE filtering and monitoring standards (reporting /standards): the named senior leader
 * and governor, annual reviews, and block/allow decisions with their reasons.
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
      const { data: e, fetchedAt, etag } = await getJson("/api/reporting/standards");
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

function content(e, fetchedAt, ctx) {
  const reviews = [...(e.reviews ?? [])].sort((a, b) => b.reviewedOn.localeCompare(a.reviewedOn));
  const last = reviews[0];
  const overdue = !last || last.nextReviewDue < today();
  return [
    freshness("reporting", fetchedAt),
    h("div", { class: "stats" },
      stat("Senior leader", e.sltMember ?? "Not named", e.sltMember ? undefined : "Name one below"),
      stat("Governor", e.governor ?? "Not named", e.governor ? undefined : "Name one below"),
      stat("Next review due", last ? fmt.date(last.nextReviewDue) : "No review yet", overdue ? "Overdue" : `Last review ${fmt.date(last.reviewedOn)}`),
      stat("Block/allow decisions", fmt.number((e.decisions ?? []).length))),
    section("Responsibilities",
      h("dl", { class: "facts" }, h("dt", {}, "Senior leader (SLT)"), h("dd", {}, e.sltMember ?? "Not named"),
        h("dt", {}, "Governor"), h("dd", {}, e.governor ?? "Not named")),
      disclosure(e.sltMember ? "Change who is responsible" : "Name who is responsible", responsibilitiesForm(e, ctx), { open: !e.sltMember })),
    section("Annual reviews",
      table("Reviews of filtering and monitoring", [
        { label: "Reviewed on", value: (r) => fmt.date(r.reviewedOn), rowHeader: true },
        { label: "Outcome", value: (r) => r.outcome },
        { label: "Next review due", value: (r) => fmt.date(r.nextReviewDue) },
        { label: "Recorded by", value: (r) => r.by },
      ], reviews, { emptyMessage: "No review recorded yet. The standards expect one at least every year." }),
      overdue ? h("p", {}, badge(last ? "Review overdue" : "No review recorded", "bad")) : null,
      disclosure("Record a review", reviewForm(ctx))),
    section("Block and allow decisions",
      table("Decisions about what is blocked or allowed", [
        { label: "Decided on", value: (d) => fmt.date(d.decidedOn), rowHeader: true },
        { label: "Decision", value: (d) => badge(d.kind, d.kind === "block" ? "warn" : "good") },
        { label: "What", value: (d) => d.what },
        { label: "Reason", value: (d) => d.reason },
        { label: "Recorded by", value: (d) => d.by },
      ], [...(e.decisions ?? [])].sort((a, b) => b.decidedOn.localeCompare(a.decidedOn)), { emptyMessage: "No decisions recorded yet." }),
      disclosure("Record a decision", decisionForm(ctx))),
  ];
}

/** Sends a form with If-Match; a 412 says the evidence changed since it was read and offers to read it again. */
function submit(el, ctx, send, message) {
  onSubmit(el, { send: () => send(ctx.ifMatch), done: () => ctx.load(message), reload: () => ctx.load(), starting: ctx.quiet,
    record: "standards evidence" });
}

function responsibilitiesForm(e, ctx) {
  const el = form("Name who is responsible", "Save the names",
    field("Senior leader (SLT)", input("standards-sltMember", { value: e.sltMember ?? "", autocomplete: "name" }), { name: "sltMember",
      hint: "The member of the senior leadership team responsible for filtering and monitoring." }),
    field("Governor", input("standards-governor", { value: e.governor ?? "", autocomplete: "name" }), { name: "governor",
      hint: "The governor who oversees filtering and monitoring." }));
  submit(el, ctx, (headers) => putJson("/api/reporting/standards/responsibilities", values(el), headers), "Responsibilities saved.");
  return el;
}

function reviewForm(ctx) {
  const el = form("Record a review", "Record the review",
    h("div", { class: "row" },
      field("Reviewed on", input("standards-reviewedOn", { type: "date", value: today(), max: today() }), { name: "reviewedOn" }),
      field("Next review due", input("standards-nextReviewDue", { type: "date" }), { name: "nextReviewDue", optional: true,
        hint: "Left empty: a year after this review." })),
    field("Outcome of the review", textarea("standards-outcome"), { name: "outcome", hint: "What was checked and what changes follow." }));
  submit(el, ctx, (headers) => postJson("/api/reporting/standards/reviews", values(el), headers), "Review recorded.");
  return el;
}

function decisionForm(ctx) {
  const el = form("Record a decision", "Record the decision",
    radios("standards-kind", "Decision", "kind", [{ value: "block", label: "Block" }, { value: "allow", label: "Allow" }], ""),
    h("div", { class: "row" },
      field("What is blocked or allowed", input("standards-what"), { name: "what", hint: "A category, site or service." }),
      field("Decided on", input("standards-decidedOn", { type: "date", value: today(), max: today() }), { name: "decidedOn" })),
    field("Reason", textarea("standards-reason"), { name: "reason" }));
  submit(el, ctx, (headers) => postJson("/api/reporting/standards/decisions", { ...values(el), kind: checkedValue(el, "standards-kind") || null }, headers),
    "Decision recorded.");
  return el;
}

function values(el) {
  const body = {};
  for (const c of el.querySelectorAll("input[data-field], textarea[data-field]")) body[c.dataset.field] = c.value.trim() || null;
  return body;
}

/** The trust lead's view of every school's standards evidence: who is overdue, who lacks a named governor. */
export async function renderTrust(container) {
  const body = h("div");
  clear(container, h("h1", {}, "Filtering standards across the trust"), body);
  await withStates(body, "the schools' standards evidence", async () => {
    const { data, fetchedAt } = await getJson("/api/reporting/trust/standards");
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
      ], rows, { className: "standards", emptyMessage: "No schools configured." })),
    ];
  });
}
