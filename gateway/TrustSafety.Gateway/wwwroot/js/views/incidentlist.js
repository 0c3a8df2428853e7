// @ts-check
// The school's incidents (#/incidents): filters, including a pupil chosen by name, paged from the incident service.
// One incident's page is views/incident.js.
import { getJson } from "../api.js";
import { pupilNames, pupilLabel, pupilField } from "../pupils.js";
import { h, clear, fmt, freshness, table, withStates, badge, empty } from "../ui.js";
import { categories, labelOf } from "../lists.js";

const SAFEGUARDING = ["dsl", "deputy-dsl", "headteacher"];

/** @typedef {import("../../../../../web/types/incident").components["schemas"]["IncidentPage"]} IncidentPage */
const STATUSES = ["reported", "triaged", "closed"];
/** The badge tone of an incident's status (the incident page shows the same badge). */
export const statusTone = (s) => (s === "closed" ? "neutral" : s === "reported" ? "warn" : "good");

/** options: codes, or { value, label } pairs. */
function select(id, label, options, value) {
  const pairs = options.map((o) => (typeof o === "string" ? { value: o, label: fmt.label(o) } : o));
  return h("div", { class: "field" }, h("label", { for: id }, label),
    h("select", { id, name: id }, h("option", { value: "" }, "Any"), pairs.map((o) => h("option", { value: o.value, selected: o.value === value }, o.label))));
}

/**
 * The school's incidents from the incident service (staff see their own reports; the safeguarding team all).
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function renderList(container, { query, me }) {
  const page = Number(query.get("page") ?? 1);
  // Case work by pupil (safeguarding team): a pupil chosen by name from the roster; only their internal id is sent.
  const pupil = me?.has(...SAFEGUARDING) ? pupilField("pupil", "Pupil", { optional: true, hint: "Type two or more letters of their name to see every incident naming them." }) : null;
  const pupilControl = pupil?.querySelector("input");
  if (pupilControl && query.get("pupilId")) {
    pupilControl.dataset.pupilId = query.get("pupilId");
    pupilControl.value = pupilLabel(await pupilNames([query.get("pupilId")]), query.get("pupilId"));
  }
  const form = h("form", { class: "filters", "aria-label": "Filter incidents" },
    select("status", "Status", STATUSES, query.get("status")),
    select("category", "Category", await categories(), query.get("category")),
    select("severity", "Severity", ["1", "2", "3", "4", "5"], query.get("severity")),
    select("source", "Source", [{ value: "staff", label: "Reported by staff" }, { value: "filter-alert", label: "Filter alert" }], query.get("source")),
    pupil,
    h("div", { class: "field" }, h("label", { for: "from" }, "Reported from"), h("input", { id: "from", name: "from", type: "date", value: query.get("from") ?? "" })),
    h("div", { class: "field" }, h("label", { for: "to" }, "Reported to"), h("input", { id: "to", name: "to", type: "date", value: query.get("to") ?? "" })),
    h("div", { class: "field" }, h("label", { for: "sort" }, "Order"),
      h("select", { id: "sort", name: "sort" }, [["", "Newest first"], ["oldest", "Longest waiting first"], ["risk", "Highest risk first"]]
        .map(([value, text]) => h("option", { value, selected: value === (query.get("sort") ?? "") }, text)))),
    h("button", { type: "submit", class: "button" }, "Apply filters"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const name of ["status", "category", "severity", "source", "from", "to", "sort"]) if (form[name].value) q.set(name, form[name].value);
    if (pupilControl?.value.trim() && pupilControl.dataset.pupilId) q.set("pupilId", pupilControl.dataset.pupilId);
    window.location.hash = `#/incidents?${q}`;
  });
  const body = h("div");
  clear(container, h("h1", {}, "Incidents"), form, body);

  await withStates(body, "incidents", async () => {
    const q = new URLSearchParams({ page: String(page), pageSize: "25" });
    for (const name of ["status", "category", "severity", "source", "sort", "pupilId"]) if (query.get(name)) q.set(name, query.get(name));
    if (query.get("from")) q.set("from", new Date(query.get("from") + "T00:00:00Z").toISOString());
    if (query.get("to")) q.set("to", new Date(query.get("to") + "T23:59:59Z").toISOString());
    const [{ data, fetchedAt }, labels] = await Promise.all([
      /** @type {ReturnType<typeof getJson<IncidentPage>>} */ (getJson(`/api/incident/incidents?${q}`)), categories()]);
    const pages = Math.max(1, Math.ceil(Number(data.total) / Number(data.pageSize)));
    const link = (p, text) => { const n = new URLSearchParams(query); n.set("page", p); return h("a", { href: `#/incidents?${n}`, class: "button small secondary" }, text); };
    return [
      freshness("the incident service", fetchedAt),
      data.items.length === 0 ? empty("No incidents match these filters.") : table(`Incidents (${data.total})`, [
        { label: "Summary", value: (i) => h("a", { href: `#/incidents/${i.id}` }, i.summary || "(no summary)"), rowHeader: true },
        { label: "Pupils", value: (i) => (i.pupilIds ?? []).length ? (i.pupilIds ?? []).join(", ") : "—" },
        { label: "Category", value: (i) => (i.category ? labelOf(labels, i.category) : "—") },
        { label: "Severity", value: (i) => i.severity ?? (i.source === "filter-alert" ? `alert ${i.priority}` : "not assessed"), numeric: true },
        { label: "Age", value: (i) => h("span", { title: fmt.dateTime(i.reportedAt) }, age(i.reportedAt)) },
        { label: "Status", value: (i) => badge(fmt.label(i.status), statusTone(i.status)) },
        { label: "Reported by", value: (i) => i.reportedByName },
        { label: "Open", value: (i) => [i.openReferrals ? `${i.openReferrals} referral${i.openReferrals === 1 ? "" : "s"}` : null,
          i.openTasks ? `${i.openTasks} task${i.openTasks === 1 ? "" : "s"}` : null].filter(Boolean).join(", ") || "—" },
      ], data.items, { className: "incidents" }),
      pages > 1 ? h("nav", { class: "pager", "aria-label": "Pages" }, page > 1 ? link(page - 1, "Previous page") : null,
        h("span", {}, `Page ${page} of ${pages}`), page < pages ? link(page + 1, "Next page") : null) : null,
    ];
  });
}

/** How long ago, as a person says it: "3 h", "2 days", "5 weeks". */
export function age(at) {
  const hours = Math.max(0, Math.floor((Date.now() - new Date(at).getTime()) / 3_600_000));
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return days < 35 ? `${days} days` : `${Math.floor(days / 7)} weeks`;
}
