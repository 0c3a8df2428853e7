// @ts-check
import { getJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, stat, withStates, monthsBack, thisMonth, badge } from "../ui.js";
import { lineChart } from "../charts.js";
import { categories, labelOf } from "../lists.js";
import { dueWords } from "./tasks.js";

/** @typedef {import("../../../../../web/types/incident").components["schemas"]} IncidentApi */
/** @typedef {import("../../../../../web/types/reporting").components["schemas"]} ReportingApi */
/** @typedef {import("../../../../../web/types/governance").components["schemas"]["PolicyStatus"]} PolicyStatus */

/**
 * The DSL's own school in full (no suppression: it is their school), and every trust grant into it.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { me }) {
  const queue = h("div");
  const body = h("div");
  const grants = h("div");
  clear(container, h("h1", {}, "My school"),
    h("section", { class: "panel queue", "aria-labelledby": "queue-h" }, h("h2", { id: "queue-h" }, "Needs your attention"), queue),
    body,
    h("section", { class: "panel", "aria-labelledby": "grants-in" }, h("h2", { id: "grants-in" }, "Trust access to your school's detail"), grants));

  // The work queue first: concerns awaiting triage (highest risk, then longest waiting, ordered by the incident service),
  // alerts nobody has looked at yet, referrals whose outcome is overdue, tasks due or overdue (the team's and the
  // caller's own). Live from the incident service, not from reporting's rollups.
  await withStates(queue, "your work queue", async () => {
    const [{ data: waiting, fetchedAt }, { data: overdue }, { data: alertsWaiting }, { data: open }, { data: mine }, labels] = await Promise.all([
      /** @type {ReturnType<typeof getJson<IncidentApi["IncidentPage"]>>} */ (getJson("/api/incident/incidents?status=reported&sort=risk&pageSize=10")),
      /** @type {ReturnType<typeof getJson<IncidentApi["OverdueReferral"][]>>} */ (getJson("/api/incident/referrals/overdue")),
      /** @type {ReturnType<typeof getJson<IncidentApi["IncidentPage"]>>} */ (getJson("/api/incident/incidents?status=reported&source=filter-alert&sort=risk&pageSize=1")),
      /** @type {ReturnType<typeof getJson<IncidentApi["TaskItem"][]>>} */ (getJson("/api/incident/tasks")),
      /** @type {ReturnType<typeof getJson<IncidentApi["TaskItem"][]>>} */ (getJson("/api/incident/tasks/mine")),
      categories(),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const due = open.filter((t) => t.overdue || t.dueOn <= today);
    const now = Date.now();
    const waited = (at) => {
      const hours = Math.max(0, Math.floor((now - new Date(at).getTime()) / 3_600_000));
      return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
    };
    const priority = (/** @type {IncidentApi["IncidentSummary"]} */ i) => (i.allegationAgainstStaff ? badge("Allegation against staff", "bad")
      : i.source === "filter-alert" ? badge(`Filter alert, severity ${i.priority}`, Number(i.priority) >= 4 ? "bad" : "neutral")
      : badge("Not yet assessed", "neutral"));
    return [freshness("the incident service", fetchedAt),
      h("div", { class: "stats" },
        stat("Awaiting triage", fmt.number(waiting.total), Number(waiting.total) > waiting.items.length ? `highest risk ${waiting.items.length} shown` : undefined),
        stat("Alerts not yet looked at", fmt.number(alertsWaiting.total)),
        stat("Referral outcomes overdue", fmt.number(overdue.length)),
        stat("Tasks due or overdue", fmt.number(due.length), `${open.length} open`),
        stat("Your own tasks", fmt.number(mine.length))),
      table(`Concerns awaiting triage (${waiting.total})`, [
        { label: "Reported", value: (i) => h("a", { href: `#/incidents/${i.id}` }, fmt.dateTime(i.reportedAt)), rowHeader: true },
        { label: "Waiting", value: (i) => waited(i.reportedAt) },
        { label: "Priority", value: priority },
        { label: "Suggested category", value: (i) => (i.category ? labelOf(labels, i.category) : "—") },
        { label: "Reported by", value: (i) => i.reportedByName },
      ], waiting.items, { emptyMessage: "No concern is waiting for triage.", className: "work-queue" }),
      Number(waiting.total) > waiting.items.length ? h("p", {}, h("a", { href: "#/incidents?status=reported&sort=risk" }, `All ${waiting.total} awaiting triage`)) : null,
      alertsWaiting.total ? h("p", {}, h("a", { href: "#/incidents?status=reported&source=filter-alert&sort=risk" },
        `${alertsWaiting.total} concern${alertsWaiting.total === 1 ? "" : "s"} opened from filter alerts not yet looked at`)) : null,
      table(`Referral outcomes overdue (${overdue.length})`, [
        { label: "Incident", value: (r) => h("a", { href: `#/incidents/${r.incidentId}` }, `${fmt.label(r.destination)} ${r.referenceNumber}`), rowHeader: true },
        { label: "Due", value: (r) => r.dueOn },
        { label: "Overdue by", value: (r) => `${r.daysOverdue} days` },
        { label: "Category", value: (r) => (r.category ? labelOf(labels, r.category) : "—") },
      ], overdue, { emptyMessage: "No referral outcome is overdue." }),
      table(`Tasks due or overdue (${due.length})`, [
        { label: "Task", value: (t) => h("a", { href: `#/incidents/${t.incidentId}` }, t.what), rowHeader: true },
        { label: "Given to", value: (t) => t.assigneeName },
        { label: "Due", value: (t) => [fmt.date(t.dueOn), " ", dueWords(t)] },
      ], due, { emptyMessage: "No task is due today or overdue." }),
      mine.length ? h("p", {}, h("a", { href: "#/tasks" }, `Your own tasks (${mine.length})`)) : null];
  });

  // Policies whose review is overdue (annual, or asked for from a lesson learnt): live from the governance service,
  // apart from the casework queue so that one service being unavailable leaves the other's part of the queue readable.
  const reviews = h("div");
  queue.after(reviews);
  await withStates(reviews, "overdue policy reviews", async () => {
    // GET /policies/overdue answers PolicyStatus[] (services/governance/Policies; its OpenAPI entry names no type).
    const { data } = await /** @type {ReturnType<typeof getJson<PolicyStatus[]>>} */ (getJson("/api/governance/policies/overdue"));
    return table(`Policy reviews overdue (${data.length})`, [
      { label: "Policy", value: (p) => h("a", { href: "#/governance" }, p.title), rowHeader: true },
      { label: "Review was due", value: (p) => fmt.date(p.reviewDueOn) },
      { label: "Why", value: (p) => (p.openRequests.length ? p.openRequests.map((r) => r.reason).join("; ") : "annual review") },
    ], data, { emptyMessage: "No policy review is overdue." });
  });

  await withStates(body, "your school's summary", async () => {
    const { data } = await /** @type {ReturnType<typeof getJson<ReportingApi["SchoolSummaryView"]>>} */ (getJson(`/api/reporting/school/summary?from=${monthsBack(11)}&to=${thisMonth()}`));
    const f = data.figures;
    const m = data.incidents;
    const labels = await categories();
    return [
      h("p", { class: "lead" }, `${data.school.name} (URN ${data.school.urn}), ${fmt.number(data.school.pupils)} pupils · last 12 months`),
      freshness("reporting", data.asOf),
      h("div", { class: "stats" },
        stat("Reported", fmt.number(f.reported)), stat("Open now", fmt.number(f.open.open), f.open.oldestDays === null ? undefined : `oldest ${f.open.oldestDays} days`),
        stat("Triage median", f.triage.medianHours === null ? "—" : `${fmt.number(f.triage.medianHours, 1)} h`, f.triage.p90Hours === null ? undefined : `p90 ${fmt.number(f.triage.p90Hours, 1)} h`),
        stat("Referrals overdue", fmt.number(f.referralsOverdue)), stat("Closed", fmt.number(f.closed)),
        stat("Filter alerts", fmt.number(f.filtering.alerts), `${fmt.number(f.filtering.alertsPer100Pupils, 2)} per 100 pupils`)),
      section("Incidents by month", lineChart("Incidents reported by month", "Your school's incidents, every number shown.",
        m.months.map(fmt.month), [{ label: "Incidents", values: m.byMonth.map((x) => x.count.value), bold: true }])),
      section("Open incidents by age", table("How long open incidents have been open", [
        { label: "Age", value: (r) => r.age, rowHeader: true }, { label: "Incidents", value: (r) => fmt.number(r.n), numeric: true }],
        [{ age: "Under 7 days", n: f.open.underSevenDays }, { age: "7 to 30 days", n: f.open.sevenToThirtyDays }, { age: "Over 30 days", n: f.open.overThirtyDays }])),
      section("Referrals by destination", table("Referrals made in the period", [
        { label: "Destination", value: (r) => fmt.label(r.destination), rowHeader: true },
        { label: "Made", value: (r) => fmt.number(r.made), numeric: true },
        { label: "Outcome received", value: (r) => fmt.number(r.withOutcome), numeric: true },
        { label: "Overdue", value: (r) => fmt.number(r.overdue), numeric: true }], f.referrals, { emptyMessage: "No referrals in the period." })),
      section("By category", table("Incidents by category", [
        { label: "Category", value: (r) => labelOf(labels, r.category), rowHeader: true },
        { label: "Incidents", value: (r) => r.count.display, numeric: true }], m.byCategory.filter((c) => c.count.value !== 0),
        { emptyMessage: "No incidents in the period." })),
    ];
  });

  await withStates(grants, "grants into your school", async () => {
    const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<ReportingApi["GrantView"][]>>} */ (getJson("/api/reporting/grants"));
    return [freshness("reporting", fetchedAt), table("Drill-down grants into your school", [
      { label: "Granted to", value: (g) => g.grantedToName, rowHeader: true },
      { label: "Reason", value: (g) => g.reason },
      { label: "Expires", value: (g) => fmt.dateTime(g.expiresAt) },
      { label: "Status", value: (g) => badge(g.status, g.status === "active" ? "good" : "neutral") },
      { label: "Reads", value: (g) => g.reads.length ? h("ul", { class: "plain" }, g.reads.map((r) => h("li", {}, `${fmt.dateTime(r.at)}: ${r.what}`))) : "none" },
    ], data, { emptyMessage: "No one at the trust has asked to see your school's detail." })];
  });
}
