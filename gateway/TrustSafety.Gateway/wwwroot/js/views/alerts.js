import { getJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, withStates, monthsBack, thisMonth, badge } from "../ui.js";
import { barChart } from "../charts.js";

/** Filtering and monitoring: weekly activity (reporting) and the most recent events (filtering-ingest). */
export async function render(container, { query }) {
  const minimum = Number(query.get("severity") ?? 3);
  const trend = h("div");
  const recent = h("div");
  const form = h("form", { class: "filters", "aria-label": "Filter events" },
    h("div", { class: "field" }, h("label", { for: "severity" }, "Minimum severity"),
      h("select", { id: "severity", name: "severity" }, [1, 2, 3, 4, 5].map((n) => h("option", { value: n, selected: n === minimum }, String(n))))),
    h("button", { type: "submit", class: "button" }, "Show"));
  form.addEventListener("submit", (e) => { e.preventDefault(); window.location.hash = `#/alerts?severity=${form.severity.value}`; });
  clear(container, h("h1", {}, "Filter alerts"), trend,
    h("section", { class: "panel", "aria-labelledby": "recent-h" }, h("h2", { id: "recent-h" }, "Recent filter and monitoring events"), form, recent));

  await Promise.all([
    withStates(trend, "filtering trends", async () => {
      const { data } = await getJson(`/api/reporting/school/summary?from=${monthsBack(2)}&to=${thisMonth()}`);
      const f = data.figures.filtering;
      return [freshness("reporting", data.asOf),
        section("Weekly activity", barChart("Filter events and alerts per week", "Last three months, your school.",
          f.byWeek.map((w) => w.week), [{ label: "Filter events", values: f.byWeek.map((w) => w.filterEvents) }, { label: "Alerts", values: f.byWeek.map((w) => w.alerts) }])),
        table("Alerts by category", [
          { label: "Category", value: (t) => fmt.label(t.key), rowHeader: true }, { label: "Alerts", value: (t) => fmt.number(t.count), numeric: true },
        ], f.alertsByCategory, { emptyMessage: "No alerts in the last three months." })];
    }),
    withStates(recent, "recent events", async () => {
      const { data, fetchedAt } = await getJson("/api/filtering-ingest/events?take=200");
      const events = data.events.filter((e) => e.severity >= minimum);
      return [freshness("filtering-ingest", fetchedAt), table(`Events of severity ${minimum} or above (${events.length})`, [
        { label: "When", value: (e) => fmt.dateTime(e.occurredAt), rowHeader: true },
        { label: "Severity", value: (e) => badge(String(e.severity), e.severity >= 4 ? "warn" : "neutral"), numeric: true },
        { label: "Category", value: (e) => fmt.label(e.uksic) }, { label: "4C", value: (e) => e.fourC },
        { label: "Action", value: (e) => e.action }, { label: "Device", value: (e) => e.deviceName ?? e.deviceRef ?? "—" },
        { label: "User", value: (e) => e.userRef ?? "—" }, { label: "Vendor", value: (e) => e.vendor },
      ], events, { emptyMessage: "No events at this severity." })];
    }),
  ]);
}
