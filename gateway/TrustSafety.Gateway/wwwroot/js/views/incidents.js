import { getJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, withStates, badge, empty } from "../ui.js";

const CATEGORIES = ["cyberbullying", "nudes-semi-nudes", "online-sexual-harassment", "grooming-exploitation", "indecent-images-of-children",
  "online-hate", "radicalisation-extremism", "filtering-breach", "data-breach", "staff-misuse", "other"];
const STATUSES = ["reported", "triaged", "closed"];
const statusTone = (s) => (s === "closed" ? "neutral" : s === "reported" ? "warn" : "good");

function select(id, label, options, value) {
  return h("div", { class: "field" }, h("label", { for: id }, label),
    h("select", { id, name: id }, h("option", { value: "" }, "Any"), options.map((o) => h("option", { value: o, selected: o === value }, fmt.label(o)))));
}

/** The school's incidents from the incident service (staff see their own reports; the safeguarding team all). */
export async function renderList(container, { query }) {
  const page = Number(query.get("page") ?? 1);
  const form = h("form", { class: "filters", "aria-label": "Filter incidents" },
    select("status", "Status", STATUSES, query.get("status")),
    select("category", "Category", CATEGORIES, query.get("category")),
    select("severity", "Severity", ["1", "2", "3", "4", "5"], query.get("severity")),
    h("div", { class: "field" }, h("label", { for: "from" }, "Reported from"), h("input", { id: "from", name: "from", type: "date", value: query.get("from") ?? "" })),
    h("div", { class: "field" }, h("label", { for: "to" }, "Reported to"), h("input", { id: "to", name: "to", type: "date", value: query.get("to") ?? "" })),
    h("button", { type: "submit", class: "button" }, "Apply filters"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const name of ["status", "category", "severity", "from", "to"]) if (form[name].value) q.set(name, form[name].value);
    window.location.hash = `#/incidents?${q}`;
  });
  const body = h("div");
  clear(container, h("h1", {}, "Incidents"), form, body);

  await withStates(body, "incidents", async () => {
    const q = new URLSearchParams({ page: String(page), pageSize: "25" });
    for (const name of ["status", "category", "severity"]) if (query.get(name)) q.set(name, query.get(name));
    if (query.get("from")) q.set("from", new Date(query.get("from") + "T00:00:00Z").toISOString());
    if (query.get("to")) q.set("to", new Date(query.get("to") + "T23:59:59Z").toISOString());
    const { data, fetchedAt } = await getJson(`/api/incident/incidents?${q}`);
    const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
    const link = (p, text) => { const n = new URLSearchParams(query); n.set("page", p); return h("a", { href: `#/incidents?${n}`, class: "button small secondary" }, text); };
    return [
      freshness("the incident service", fetchedAt),
      data.items.length === 0 ? empty("No incidents match these filters.") : table(`Incidents (${data.total})`, [
        { label: "Reported", value: (i) => h("a", { href: `#/incidents/${i.id}` }, fmt.dateTime(i.reportedAt)), rowHeader: true },
        { label: "Status", value: (i) => badge(fmt.label(i.status), statusTone(i.status)) },
        { label: "Category", value: (i) => fmt.label(i.category) },
        { label: "4C", value: (i) => i.fourC ?? "—" },
        { label: "Severity", value: (i) => i.severity ?? "—", numeric: true },
        { label: "Source", value: (i) => fmt.label(i.source) },
        { label: "Reported by", value: (i) => i.reportedByName },
        { label: "Open referrals", value: (i) => i.openReferrals, numeric: true },
      ], data.items, { className: "incidents" }),
      pages > 1 ? h("nav", { class: "pager", "aria-label": "Pages" }, page > 1 ? link(page - 1, "Previous page") : null,
        h("span", {}, `Page ${page} of ${pages}`), page < pages ? link(page + 1, "Next page") : null) : null,
    ];
  });
}

/** One incident: what happened, triage, actions, referrals and the timeline. Reading it is recorded in its access log. */
export async function renderOne(container, { params }) {
  const body = h("div");
  clear(container, h("p", {}, h("a", { href: "#/incidents" }, "Back to incidents")), body);
  await withStates(body, "the incident", async () => {
    const { data: i, fetchedAt } = await getJson(`/api/incident/incidents/${encodeURIComponent(params.id)}?purpose=${encodeURIComponent("dashboard review")}`);
    const dl = (pairs) => h("dl", { class: "facts" }, pairs.filter(Boolean).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "—")]));
    return [
      h("h1", {}, `Incident: ${fmt.label(i.category ?? i.suggestedCategory ?? "uncategorised")}`),
      freshness("the incident service", fetchedAt),
      h("p", {}, badge(fmt.label(i.status), statusTone(i.status)), i.allegationAgainstStaff ? badge("allegation against staff", "warn") : null),
      section("What happened", h("p", { class: "prose" }, i.whatHappened), dl([
        ["Reported", `${fmt.dateTime(i.reportedAt)} by ${i.reportedByName}`], ["Happened", fmt.dateTime(i.happenedAt)],
        ["Where", `${fmt.label(i.location?.site)}, ${fmt.label(i.location?.device)}${i.location?.detail ? ` (${i.location.detail})` : ""}`],
        ["How it came to light", i.howItCameToLight], ["Source", fmt.label(i.source)],
        ["Category", fmt.label(i.category)], ["4C", i.fourC], ["Severity", i.severity],
      ])),
      section("People involved", table("People involved", [
        { label: "Role", value: (p) => fmt.label(p.role), rowHeader: true },
        { label: "Pupil id", value: (p) => p.pupilId ?? "—" }, { label: "Staff id", value: (p) => p.staffId ?? "—" },
      ], i.people ?? [], { emptyMessage: "No one recorded." })),
      i.caseWorkHidden ? h("p", { class: "note" }, "Case work (triage, actions, referrals) is visible to the safeguarding team only.") : [
        section("Triage", i.triage ? dl([["By", `${i.triage.byName}, ${fmt.dateTime(i.triage.at)}`], ["Illegal", i.triage.illegal ? "yes" : "no"],
          ["Handler", i.triage.handlerName ?? i.triage.handlerId], ["Rationale", i.triage.rationale]]) : empty("Not triaged yet.")),
        section("Actions", table("Actions taken", [
          { label: "When", value: (a) => fmt.dateTime(a.at), rowHeader: true }, { label: "Kind", value: (a) => fmt.label(a.kind) },
          { label: "What", value: (a) => a.what }, { label: "Why", value: (a) => a.why }, { label: "By", value: (a) => a.byName },
        ], i.actions ?? [], { emptyMessage: "No actions recorded." })),
        section("Referrals", table("Referrals", [
          { label: "Destination", value: (r) => fmt.label(r.destination), rowHeader: true }, { label: "Reference", value: (r) => r.referenceNumber },
          { label: "Made", value: (r) => fmt.date(r.madeOn) }, { label: "Due", value: (r) => fmt.date(r.dueOn) },
          { label: "Outcome", value: (r) => r.outcome ?? "awaited" },
        ], i.referrals ?? [], { emptyMessage: "No referrals made." })),
      ],
      i.closure ? section("Closure", dl([["Closed", `${fmt.dateTime(i.closure.at)} by ${i.closure.byName}`], ["Outcome", fmt.label(i.closure.outcome)],
        ["Rationale", i.closure.rationale], ["Lessons learnt", i.closure.lessonsLearnt]])) : null,
      section("Timeline", (i.timeline ?? []).length === 0 ? empty("Nothing on the timeline yet.") :
        h("ol", { class: "timeline" }, i.timeline.map((t) => h("li", {},
          h("time", { datetime: t.at }, fmt.dateTime(t.at)), " ", h("strong", {}, fmt.label(t.kind)), ` – ${t.summary}`, t.by ? ` (${t.by})` : "")))),
    ];
  });
}
