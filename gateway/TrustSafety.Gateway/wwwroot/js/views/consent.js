import { getJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, withStates, empty } from "../ui.js";

/** Consent coverage per type and year group (consent service) and AUP coverage (reporting's read model). */
export async function render(container) {
  const consent = h("div");
  const aup = h("div");
  clear(container, h("h1", {}, "Consent and AUP coverage"),
    h("section", { class: "panel", "aria-labelledby": "consent-h" }, h("h2", { id: "consent-h" }, "Consent by type and year group"), consent),
    h("section", { class: "panel", "aria-labelledby": "aup-h" }, h("h2", { id: "aup-h" }, "Acceptable use policies"), aup));

  await Promise.all([
    withStates(consent, "consent coverage", async () => {
      const { data, fetchedAt } = await getJson("/api/consent/coverage");
      if (!data.length) return [freshness("the consent service", fetchedAt), empty("No consent types are defined for your school yet.")];
      return [freshness("the consent service", fetchedAt), h("p", { class: "note" }, `Coverage on ${fmt.date(data[0].on)}.`),
        data.map((t) => table(`${fmt.label(t.type)} (${fmt.label(t.mode)})`, [
          { label: "Year group", value: (y) => `Year ${y.yearGroup}`, rowHeader: true },
          { label: "Pupils", value: (y) => fmt.number(y.pupils), numeric: true },
          { label: "Allowed", value: (y) => fmt.number(y.allowed), numeric: true },
          { label: "Not allowed", value: (y) => fmt.number(y.notAllowed), numeric: true },
          { label: "No response", value: (y) => fmt.number(y.noResponse), numeric: true },
          { label: "Allowed %", value: (y) => meter(y.allowedPercent), numeric: true },
        ], t.yearGroups, { emptyMessage: "No pupils on roll." }))];
    }),
    withStates(aup, "AUP coverage", async () => {
      const { data } = await getJson("/api/reporting/school/summary");
      const f = data.figures;
      return [freshness("reporting", data.asOf),
        table("Signatures by audience", [
          { label: "Audience", value: (a) => fmt.label(a.audience), rowHeader: true },
          { label: "Current version", value: (a) => (a.currentVersion === null ? "—" : fmt.number(a.currentVersion)), numeric: true },
          { label: "Signed (current)", value: (a) => fmt.number(a.signed), numeric: true },
          { label: "Older version only", value: (a) => fmt.number(a.olderVersion), numeric: true },
          { label: "Lapsed", value: (a) => fmt.number(a.lapsed), numeric: true },
          { label: "% of pupils", value: (a) => (a.percentOfPupils === null ? "—" : meter(a.percentOfPupils)), numeric: true },
        ], f.aup, { emptyMessage: "No AUP signatures recorded yet." }),
        table("Consent coverage as reporting counts it", [
          { label: "Consent type", value: (c) => fmt.label(c.consentType), rowHeader: true },
          { label: "Given", value: (c) => fmt.number(c.active), numeric: true },
          { label: "Declined", value: (c) => fmt.number(c.declined), numeric: true },
          { label: "Withdrawn", value: (c) => fmt.number(c.withdrawn), numeric: true },
          { label: "Expired", value: (c) => fmt.number(c.expired), numeric: true },
          { label: "Given % of pupils", value: (c) => meter(c.percent), numeric: true },
        ], f.consent, { emptyMessage: "No consent responses recorded yet." })];
    }),
  ]);
}

function meter(percent) {
  return h("span", { class: "meter-cell" }, h("meter", { min: 0, max: 100, value: percent, "aria-hidden": "true" }), ` ${fmt.number(percent, 1)}%`);
}
