// @ts-check
import { getJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, withStates, monthsBack, thisMonth, badge, empty } from "../ui.js";
import { barChart } from "../charts.js";
import { UKSIC, FILTER_VENDORS, labelOf } from "../lists.js";

const FILTERS = ["minSeverity", "category", "vendor", "from", "to", "sort"];

function choice(id, label, options, value, anyLabel) {
  return h("div", { class: "field" }, h("label", { for: id }, label),
    h("select", { id, name: id }, h("option", { value: "" }, anyLabel),
      options.map((o) => h("option", { value: o.value, selected: String(o.value) === (value ?? "") }, o.label))));
}

function date(id, label, value) {
  return h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name: id, type: "date", value: value ?? "" }));
}

/**
 * Filter alerts for the school's safeguarding team: weekly activity (reporting) and the school's alerts from
 * filtering-ingest, filtered, sorted (highest risk first, or newest) and paged by the service. Our severity sits beside the vendor's; what was visited or
 * searched for is shown to the DSL and deputy DSL only (the service leaves it out for anyone else).
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { query, me }) {
  const page = Number(query.get("page") ?? 1);
  const seesDetail = me.has("dsl", "deputy-dsl");
  const trend = h("div");
  const list = h("div");
  const form = h("form", { class: "filters", "aria-label": "Filter alerts" },
    choice("minSeverity", "Minimum severity", [4, 5].map((n) => ({ value: String(n), label: `${n} or above` })), query.get("minSeverity"), "Any alert"),
    choice("category", "Category", UKSIC, query.get("category"), "Any category"),
    choice("vendor", "Vendor", FILTER_VENDORS, query.get("vendor"), "Any vendor"),
    date("from", "From", query.get("from")),
    date("to", "To", query.get("to")),
    choice("sort", "Order", [{ value: "newest", label: "Newest first" }], query.get("sort"), "Highest risk first"),
    h("button", { type: "submit", class: "button" }, "Apply filters"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const name of FILTERS) if (form[name].value) q.set(name, form[name].value);
    window.location.hash = `#/alerts?${q}`;
  });
  clear(container, h("h1", {}, "Filter alerts"), trend,
    h("section", { class: "panel", "aria-labelledby": "alerts-h" }, h("h2", { id: "alerts-h" }, "Your school's alerts"),
      h("p", { class: "hint" }, "Alerts are filter and monitoring events of severity 4 or 5, and every illegal-content (IWF or CTIRU) event.",
        seesDetail ? "" : " What was visited or searched for is shown to the DSL and deputy DSL only."),
      form, list));

  await Promise.all([
    withStates(trend, "filtering trends", async () => {
      const { data } = await /** @type {ReturnType<typeof getJson<import("../../../../../web/types/reporting").components["schemas"]["SchoolSummaryView"]>>} */ (
        getJson(`/api/reporting/school/summary?from=${monthsBack(2)}&to=${thisMonth()}`));
      const f = data.figures.filtering;
      return [freshness("reporting", data.asOf),
        section("Weekly activity", barChart("Filter events and alerts per week", "Last three months, your school.",
          f.byWeek.map((w) => w.week), [{ label: "Filter events", values: f.byWeek.map((w) => w.filterEvents) }, { label: "Alerts", values: f.byWeek.map((w) => w.alerts) }])),
        table("Alerts by category", [
          { label: "Category", value: (t) => fmt.label(t.key), rowHeader: true }, { label: "Alerts", value: (t) => fmt.number(t.count), numeric: true },
        ], f.alertsByCategory, { emptyMessage: "No alerts in the last three months." })];
    }),
    withStates(list, "your school's alerts", async () => {
      const q = new URLSearchParams({ page: String(page), pageSize: "25" });
      for (const name of ["minSeverity", "category", "vendor", "sort"]) if (query.get(name)) q.set(name, query.get(name));
      // Dates are the person's days: from the start of the first to the end of the last, in their own time zone.
      if (query.get("from")) q.set("from", new Date(query.get("from") + "T00:00:00").toISOString());
      if (query.get("to")) q.set("to", new Date(query.get("to") + "T23:59:59.999").toISOString());
      const { data, fetchedAt } = await getJson(`/api/filtering-ingest/alerts?${q}`);
      const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
      const filtered = FILTERS.some((name) => name !== "sort" && query.get(name));
      // The service's order: our severity, then illegal content (IWF / CTIRU), then self-harm, then the newest.
      const order = query.get("sort") === "newest" ? "newest first" : "highest risk first";
      const link = (p, text) => { const n = new URLSearchParams(query); n.set("page", p); return h("a", { href: `#/alerts?${n}`, class: "button small secondary" }, text); };
      const columns = [
        { label: "When", value: (a) => fmt.dateTime(a.occurredAt), rowHeader: true },
        { label: "Severity", value: (a) => badge(String(a.severity), a.severity >= 5 ? "bad" : "warn"), numeric: true },
        { label: "Vendor's severity", value: (a) => a.vendorSeverity ?? "—" },
        { label: "Category", value: (a) => labelOf(UKSIC, a.category) },
        { label: "Vendor's category", value: (a) => [a.vendorCategoryId, a.vendorCategoryLabel].filter(Boolean).join(" · ") || "—" },
        { label: "4C", value: (a) => a.fourC },
        { label: "Action", value: (a) => a.action },
        { label: "Vendor", value: (a) => labelOf(FILTER_VENDORS, a.vendor) + (a.product ? ` (${a.product})` : "") },
        ...(seesDetail ? [
          { label: "Site", value: (a) => (a.url ? h("code", { class: "url" }, a.url) : a.host ?? "—") },
          { label: "Search term", value: (a) => a.searchTerm ?? "—" },
        ] : []),
        { label: "User", value: (a) => a.userRef ?? "—" },
        { label: "Device", value: (a) => a.deviceRef ?? "—" },
      ];
      return [
        freshness("filtering-ingest", fetchedAt),
        data.alerts.length === 0
          ? empty(filtered ? "No alerts match these filters." : "No alerts: nothing your filter or monitoring services sent reached severity 4.")
          : table(`Alerts (${fmt.number(data.total)}), ${order}`, columns, data.alerts, { className: "alerts" }),
        pages > 1 ? h("nav", { class: "pager", "aria-label": "Pages" }, page > 1 ? link(page - 1, "Previous page") : null,
          h("span", {}, `Page ${page} of ${pages}`), page < pages ? link(page + 1, "Next page") : null) : null,
      ];
    }),
  ]);
}
