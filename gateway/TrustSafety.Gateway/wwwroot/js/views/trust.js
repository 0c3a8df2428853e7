// @ts-check
import { getJson } from "../api.js";
import { h, clear, count, fmt, freshness, table, section, stat, withStates, monthsBack, thisMonth } from "../ui.js";
import { lineChart, barChart, heatMap } from "../charts.js";
import { categories as categoryList, labelOf } from "../lists.js";

/** @typedef {import("../../../../../web/types/reporting").components["schemas"]} ReportingApi */

/**
 * The trust lead's cross-school view: aggregates only, small numbers suppressed by reporting.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { query }) {
  const from = query.get("from") ?? monthsBack(11);
  const to = query.get("to") ?? thisMonth();

  const form = h("form", { class: "filters", "aria-label": "Period" },
    h("div", { class: "field" }, h("label", { for: "from" }, "From month"), h("input", { id: "from", name: "from", type: "month", value: from, required: true })),
    h("div", { class: "field" }, h("label", { for: "to" }, "To month"), h("input", { id: "to", name: "to", type: "month", value: to, required: true })),
    h("button", { type: "submit", class: "button" }, "Show"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    window.location.hash = `#/trust?from=${form.from.value}&to=${form.to.value}`;
  });

  const body = h("div");
  const training = h("div");
  const vulnerable = h("div");
  clear(container, h("h1", {}, "Trust overview"), form, body,
    h("section", { class: "panel", "aria-labelledby": "trust-training" }, h("h2", { id: "trust-training" }, "Training and policy reviews by school"), training),
    h("section", { class: "panel", "aria-labelledby": "trust-vulnerable" }, h("h2", { id: "trust-vulnerable" }, "Incidents involving vulnerable learners"), vulnerable));

  await withStates(body, "the trust overview", async () => {
    const range = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const [summary, overview] = await Promise.all([
      /** @type {ReturnType<typeof getJson<ReportingApi["TrustSummaryView"]>>} */ (getJson(`/api/reporting/trust/summary?${range}`)),
      /** @type {ReturnType<typeof getJson<ReportingApi["TrustOverviewView"]>>} */ (getJson(`/api/reporting/trust/overview?${range}`))]);
    const matrix = summary.data.incidents;
    const labels = await categoryList();
    const o = overview.data.overview;
    const months = matrix.months;
    const totals = o.totals;

    const trend = lineChart("Incidents reported by month",
      "Trust total and each school. Months with a small number (1 to 4) or a withheld number are gaps; the tables show them as <5 or *.",
      months.map(fmt.month),
      [{ label: "Trust total", values: matrix.byMonth.map((m) => m.count.value), bold: true },
        ...matrix.schools.map((s) => ({ label: s.name, values: s.byMonth.map((m) => m.count.value), dashed: true }))]);

    const per100 = (c, pupils) => (c?.value === null || c?.value === undefined || !pupils ? null : Math.round((c.value * 10000) / pupils) / 100);
    const comparison = barChart("School by school, per 100 pupils",
      "Incidents, filter events and alerts per 100 pupils for the period; a missing bar is a withheld small number.",
      o.schools.map((s) => s.name),
      [{ label: "Incidents per 100 pupils", values: o.schools.map((s) => per100(s.reported, s.pupils)) },
        { label: "Filter events per 100 pupils", values: o.schools.map((s) => s.filterEventsPer100Pupils) },
        { label: "Alerts per 100 pupils", values: o.schools.map((s) => s.alertsPer100Pupils) }],
      { horizontal: true, unit: "per 100 pupils" });

    const categories = matrix.categories.filter((c) => matrix.byCategory.some((b) => b.category === c && Number(b.count.value ?? 1) > 0));
    const heat = heatMap("Incidents by school and category", matrix.schools.map((s) => ({ label: s.name, school: s })),
      (categories.length ? categories : matrix.categories).map((c) => ({ label: labelOf(labels, c), code: c })),
      (r, c) => r.school.byCategory.find((b) => b.category === c.code)?.count);

    return [
      freshness("reporting", summary.data.asOf),
      h("p", { class: "note", id: "suppression-note" }, summary.data.suppression.note),
      h("div", { class: "stats" },
        stat("Incidents reported", count(totals.reported)), stat("Open", count(totals.open)),
        stat("Referrals overdue", count(totals.referralsOverdue)), stat("Filter alerts", count(totals.alerts)),
        stat("Devices in custody", count(totals.devicesInCustody)), stat("Repeat patterns", count(totals.repeatSubjects))),
      section("Trends", h("div", { class: "charts" }, trend, comparison)),
      section("School × category heat map", heat),
      section("Schools side by side", table("Every school for the period", [
        { label: "School", value: (s) => s.name, rowHeader: true },
        { label: "Pupils", value: (s) => fmt.number(s.pupils), numeric: true },
        { label: "Reported", value: (s) => count(s.reported), numeric: true },
        { label: "Open", value: (s) => count(s.open), numeric: true },
        { label: "Referrals overdue", value: (s) => count(s.referralsOverdue), numeric: true },
        { label: "Triage median (h)", value: (s) => fmt.number(s.triageMedianHours, 1), numeric: true },
        { label: "Filter events /100", value: (s) => fmt.number(s.filterEventsPer100Pupils, 2), numeric: true },
        { label: "Alerts /100", value: (s) => fmt.number(s.alertsPer100Pupils, 2), numeric: true },
        { label: "Pupil AUP %", value: (s) => fmt.number(s.pupilAupPercent, 1), numeric: true },
        { label: "Devices active", value: (s) => count(s.devicesActive), numeric: true },
      ], o.schools, { className: "overview" })),
      section("Top filter categories", table("Most frequent filter categories across the trust", [
        { label: "Category", value: (c) => fmt.label(c.key), rowHeader: true },
        { label: "Events", value: (c) => count(c.count), numeric: true },
      ], o.topFilterCategories, { emptyMessage: "No filter events in this period." })),
      section("Repeat patterns (pseudonymised)", table("Same device or user over two or more weeks", [
        { label: "Pseudonym", value: (p) => p.subject, rowHeader: true },
        { label: "School", value: (p) => o.schools.find((s) => s.urn === p.schoolUrn)?.name ?? p.schoolUrn },
        { label: "Kind", value: (p) => p.kind },
        { label: "Weeks", value: (p) => fmt.number(p.weeks), numeric: true },
        { label: "Categories", value: (p) => p.categories.map(fmt.label).join(", ") },
      ], o.repeatPatterns, { emptyMessage: "No repeat patterns in this period." })),
    ];
  });

  // Today's position (not the period's): training compliance withheld under five people, overdue policy reviews.
  await withStates(training, "training compliance", async () => {
    const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<ReportingApi["SchoolGovernance"][]>>} */ (getJson("/api/reporting/trust/training-compliance"));
    return [freshness("reporting", fetchedAt), table("Staff and governors with training up to date, today", [
      { label: "School", value: (s) => s.name, rowHeader: true },
      { label: "Up to date (%)", value: (s) => s.display, numeric: true },
      { label: "Policy reviews overdue", value: (s) => fmt.number(s.overdue), numeric: true },
    ], data, { emptyMessage: "No school has training records yet." }),
    h("p", { class: "hint" }, "A school with fewer than five people on its training register shows <5 rather than a percentage.")];
  });

  // Counts only, from the DSLs' sealed records (issue 15): no pupil is ever named or identifiable here.
  await withStates(vulnerable, "the vulnerable-learner counts", async () => {
    const range = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const { data } = await /** @type {ReturnType<typeof getJson<ReportingApi["VulnerableLearnersView"]>>} */ (getJson(`/api/reporting/trust/vulnerable-learners?${range}`));
    const share = (row, code) => {
      const c = row.contexts.find((x) => x.context === code);
      return c.percent === null || c.percent === undefined ? count(c.count) : `${count(c.count)} (${fmt.number(c.percent, 1)}%)`;
    };
    const contexts = [["looked-after", "Looked after"], ["previously-looked-after", "Previously looked after"], ["send", "SEND"], ["ehcp", "EHCP"],
      ["child-protection-plan", "CP plan"], ["child-in-need-plan", "CIN plan"], ["young-carer", "Young carer"]];
    return [table("Incidents in the period involving a pupil with each context (share of the school's incidents)", [
      { label: "School", value: (s) => s.name, rowHeader: true },
      { label: "Incidents", value: (s) => count(s.incidents), numeric: true },
      ...contexts.map(([code, label]) => ({ label, value: (s) => share(s, code), numeric: true })),
    ], [...data.schools, data.trust], { className: "overview" }),
    h("p", { class: "hint" }, "Counted from the context each school's DSL records on a pupil. " + data.suppression.note)];
  });
}
