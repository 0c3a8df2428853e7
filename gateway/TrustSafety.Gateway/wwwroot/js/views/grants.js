// @ts-check
import { getJson, postJson, del, ApiError } from "../api.js";
import { h, clear, count, fmt, freshness, table, section, withStates, badge, stat, monthsBack, thisMonth } from "../ui.js";

/** @typedef {import("../../../../../web/types/reporting").components["schemas"]} ReportingApi */

const tone = { active: "good", expired: "neutral", revoked: "warn" };

/**
 * The trust lead's time-limited, reasoned drill-down grants; each is shown to the school's DSL.
 * @param {HTMLElement} container
 */
export async function render(container) {
  const list = h("div");
  const form = await grantForm(() => load());
  clear(container, h("h1", {}, "Drill-down grants"),
    h("p", { class: "lead" }, "Seeing one school's detail needs a time-limited grant with a reason. The school's DSL sees every grant and every read made under it."),
    section("Request a grant", form), h("section", { class: "panel", "aria-labelledby": "grants-h" }, h("h2", { id: "grants-h" }, "Your grants"), list));

  async function load() {
    await withStates(list, "your grants", async () => {
      const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<ReportingApi["GrantView"][]>>} */ (getJson("/api/reporting/grants"));
      return [freshness("reporting", fetchedAt), table("Grants you hold", [
        { label: "School", value: (g) => g.schoolName, rowHeader: true },
        { label: "Reason", value: (g) => g.reason },
        { label: "Issued", value: (g) => fmt.dateTime(g.issuedAt) },
        { label: "Expires", value: (g) => fmt.dateTime(g.expiresAt) },
        { label: "Status", value: (g) => badge(g.status, tone[g.status]) },
        { label: "Actions", value: (g) => g.status !== "active" ? "—" : h("span", { class: "actions" },
          h("a", { href: `#/trust/schools/${encodeURIComponent(g.schoolUrn)}`, class: "button small" }, `Open ${g.schoolName}`),
          h("button", { type: "button", class: "button small secondary", onclick: async () => { await del(`/api/reporting/grants/${g.id}`, { "If-Match": `"${g.version}"` }); await load(); } },
            `Revoke grant for ${g.schoolName}`)) },
      ], data, { emptyMessage: "You hold no grants." })];
    });
  }
  await load();
}

/** @param {() => Promise<void>} onIssued */
async function grantForm(onIssued) {
  const { data } = await /** @type {ReturnType<typeof getJson<ReportingApi["TrustSummaryView"]>>} */ (getJson(`/api/reporting/trust/summary?from=${thisMonth()}&to=${thisMonth()}`));
  const schools = data.incidents.schools;
  const errorsFor = {};
  const field = (name, label, control, hint) => {
    errorsFor[name] = h("p", { class: "field-error", id: `${name}-error`, hidden: true });
    return h("div", { class: "field" }, h("label", { for: `grant-${name}` }, label), hint ? h("p", { class: "hint", id: `${name}-hint` }, hint) : null,
      errorsFor[name], control);
  };
  const school = h("select", { id: "grant-schoolUrn", name: "schoolUrn", required: true, "aria-describedby": "schoolUrn-error" },
    h("option", { value: "" }, "Choose a school"), schools.map((s) => h("option", { value: s.urn }, s.name)));
  const reason = h("textarea", { id: "grant-reason", name: "reason", rows: 3, required: true, "aria-describedby": "reason-hint reason-error" });
  const hours = h("input", { id: "grant-hours", name: "hours", type: "number", min: 1, max: 72, value: 4, required: true, "aria-describedby": "hours-hint hours-error" });
  const status = h("p", { role: "status", class: "form-status" });
  const form = h("form", { class: "grant-form", novalidate: true },
    field("schoolUrn", "School", school),
    field("reason", "Reason", reason, "Why you need this school's detail. The school's DSL will read this."),
    field("hours", "Hours", hours, "Between 1 and 72 hours."),
    h("button", { type: "submit", class: "button" }, "Request grant"), status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    for (const el of Object.values(errorsFor)) { el.hidden = true; el.textContent = ""; }
    for (const c of [school, reason, hours]) c.removeAttribute("aria-invalid");
    status.textContent = "Requesting…";
    try {
      /** @type {ReportingApi["GrantView"]} */
      const grant = await postJson("/api/reporting/grants",
        /** @satisfies {ReportingApi["IssueGrant"]} */ ({ schoolUrn: school.value || null, reason: reason.value, hours: hours.value ? Number(hours.value) : null }));
      status.textContent = `Grant issued for ${grant.schoolName} until ${fmt.dateTime(grant.expiresAt)}.`;
      form.reset();
      await onIssued();
    } catch (error) {
      status.textContent = "";
      if (error instanceof ApiError && error.status === 400) {
        let first;
        for (const [key, messages] of Object.entries(error.fieldErrors)) {
          const name = Object.keys(errorsFor).find((k) => k.toLowerCase() === key.toLowerCase());
          if (!name) continue;
          errorsFor[name].textContent = messages.join(" ");
          errorsFor[name].hidden = false;
          const control = /** @type {import("../forms.js").Control} */ (form.querySelector(`#grant-${name}`));
          control.setAttribute("aria-invalid", "true");
          first ??= control;
        }
        status.textContent = "Check the highlighted fields.";
        first?.focus();
      } else {
        status.textContent = `The grant was not issued: ${error.message}`;
      }
    }
  });
  return form;
}

/**
 * One school's detail under an active grant; every load is recorded and shown to that school's DSL.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function renderDrillDown(container, { params }) {
  const body = h("div");
  clear(container, h("p", {}, h("a", { href: "#/grants" }, "Back to grants")), body);
  await withStates(body, "the school's detail", async () => {
    const range = `from=${monthsBack(11)}&to=${thisMonth()}`;
    const urn = encodeURIComponent(params.urn);
    const [summary, incidents] = await Promise.all([
      /** @type {ReturnType<typeof getJson<ReportingApi["GrantedSchoolSummary"]>>} */ (getJson(`/api/reporting/trust/schools/${urn}/summary?${range}`)),
      /** @type {ReturnType<typeof getJson<ReportingApi["GrantedIncidents"]>>} */ (getJson(`/api/reporting/trust/schools/${urn}/incidents`))]);
    const s = summary.data.summary;
    const f = s.figures;
    return [
      h("h1", {}, `${s.school.name}: drill-down`),
      h("p", { class: "banner" }, `Under your grant until ${fmt.dateTime(summary.data.grant.expiresAt)} (“${summary.data.grant.reason}”). This read is recorded and shown to the school's DSL.`),
      freshness("reporting", s.asOf),
      h("div", { class: "stats" }, stat("Reported (12 months)", fmt.number(f.reported)), stat("Open now", fmt.number(f.open.open)),
        stat("Triage median", f.triage.medianHours === null ? "—" : `${fmt.number(f.triage.medianHours, 1)} h`),
        stat("Referrals overdue", fmt.number(f.referralsOverdue))),
      section("Incidents", table("Incidents at this school (no pupils named)", [
        { label: "Reported", value: (i) => fmt.dateTime(i.reportedAt), rowHeader: true },
        { label: "Category", value: (i) => fmt.label(i.category) },
        { label: "Severity", value: (i) => i.severity ?? "untriaged", numeric: true },
        { label: "Status", value: (i) => (i.open ? "open" : "closed") },
        { label: "Outcome", value: (i) => fmt.label(i.outcome) },
      ], incidents.data.incidents, { emptyMessage: "No incidents recorded." })),
    ];
  });
}
