// @ts-check
// Issue 15: linked cases with other schools of the trust (DSL), and the agencies directory (school staff; the DSL and
// the trust lead edit it).
import { getJson, postJson, putJson, del } from "../api.js";
import { h, clear, fmt, freshness, table, section, withStates, badge, empty } from "../ui.js";
import { field, input, textarea, form, onSubmit, disclosure } from "../forms.js";

/** @typedef {import("../../../../../web/types/incident").components["schemas"]} IncidentApi */

const orNull = (v) => (v === "" || v === undefined ? null : v);
const tone = (status) => (status === "accepted" ? "good" : status === "declined" ? "neutral" : "warn");

/**
 * Every link the school asked for or was asked for; content only on the link's own (audited) page.
 * @param {HTMLElement} container
 */
export async function renderLinks(container) {
  const body = h("div");
  clear(container, h("h1", {}, "Linked cases"),
    h("p", { class: "hint" }, "Cases worked with another school of the trust. Each school keeps its own record; opening a linked case is recorded, and both DSLs see every read."),
    body);
  await withStates(body, "linked cases", async () => {
    const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<IncidentApi["CaseLinkList"]>>} */ (getJson("/api/incident/case-links"));
    return [freshness("the incident service", fetchedAt),
      data.items.length === 0 ? empty("No linked cases yet. Ask another school from an incident's page.") : table("Linked cases", [
        { label: "School", value: (l) => h("a", { href: `#/case-links/${l.id}` }, l.otherSchoolName), rowHeader: true },
        { label: "Direction", value: (l) => (l.direction === "incoming" ? "They asked you" : "You asked them") },
        { label: "Status", value: (l) => badge(l.status, tone(l.status)) },
        { label: "Asked", value: (l) => fmt.dateTime(l.requestedAt) },
        { label: "Your incident", value: (l) => (l.yourIncidentId ? h("a", { href: `#/incidents/${l.yourIncidentId}` }, "Open") : "—") },
      ], data.items, { className: "case-links" })];
  });
}

/**
 * One linked case: the shared summaries only, the decision, and every share and read by either school.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function renderLink(container, { params }) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const body = h("div");
  clear(container, h("p", {}, h("a", { href: "#/case-links" }, "Back to linked cases")), flash, body);
  const load = async (message) => {
    clear(flash);
    await withStates(body, "the linked case", async () => {
      const { data: l, fetchedAt, etag } = await /** @type {ReturnType<typeof getJson<IncidentApi["CaseLinkView"]>>} */ (getJson(`/api/incident/case-links/${encodeURIComponent(params.id)}`));
      const dl = (pairs) => h("dl", { class: "facts" }, pairs.filter(Boolean).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "—")]));
      const answerable = l.direction === "incoming" && l.status === "requested";
      const accept = form("Accept the link", "Accept",
        field("Your incident id", input("accept-incidentId"), { name: "incidentId", optional: true, hint: "Your own school's incident about the same case, if there is one." }),
        field("What you share back", textarea("accept-sharedSummary"), { name: "sharedSummary", optional: true }),
        field("Why you accept", textarea("accept-rationale"), { name: "rationale", hint: "Your information-sharing decision." }));
      const decline = form("Decline the link", "Decline", field("Why you decline", textarea("decline-rationale"), { name: "rationale" }));
      const v = (root, id) => orNull(root.querySelector(`#${id}`).value.trim());
      const answer = (el, path, bodyOf, done) => onSubmit(el, {
        send: () => postJson(`/api/incident/case-links/${l.id}/${path}`, bodyOf(), { "If-Match": etag ?? `"${l.version}"` }),
        done: () => load(done), reload: () => load(), record: "linked case" });
      answer(accept, "accept", () => (/** @satisfies {IncidentApi["CaseLinkAcceptRequest"]} */ ({ incidentId: v(accept, "accept-incidentId"),
        sharedSummary: v(accept, "accept-sharedSummary"), rationale: v(accept, "accept-rationale") })), "Link accepted.");
      answer(decline, "decline", () => (/** @satisfies {IncidentApi["CaseLinkDeclineRequest"]} */ ({ rationale: v(decline, "decline-rationale") })),
        "Link declined.");
      return [
        h("h1", {}, `Linked case: ${l.fromSchoolName} and ${l.toSchoolName}`),
        freshness("the incident service", fetchedAt),
        h("p", {}, badge(l.status, tone(l.status))),
        section("What was shared", dl([
          ["Asked by", `${l.requestedByName} (${l.fromSchoolName}), ${fmt.dateTime(l.requestedAt)}`],
          ["Summary shared", h("span", { class: "prose" }, l.sharedSummary)], ["Why", l.purpose], ["Basis for sharing", l.lawfulBasis],
          l.replySummary ? [`Shared back by ${l.toSchoolName}`, h("span", { class: "prose" }, l.replySummary)] : null,
          l.decidedAt ? [l.status === "accepted" ? "Accepted" : "Declined", `${l.decidedByName}, ${fmt.dateTime(l.decidedAt)}: ${l.decisionRationale}`] : null,
          l.yourIncidentId ? ["Your incident", h("a", { href: `#/incidents/${l.yourIncidentId}` }, "Open your school's record")] : null,
        ])),
        answerable ? section("Answer the request", disclosure("Accept", accept, { open: true }), disclosure("Decline", decline)) : null,
        section("Every share and read", table("Shares and reads", [
          { label: "When", value: (e) => fmt.dateTime(e.at), rowHeader: true }, { label: "What", value: (e) => e.what ?? e.kind },
          { label: "School", value: (e) => e.schoolName }, { label: "Who", value: (e) => e.byName },
        ], l.audit, { className: "case-link-audit" })),
      ];
    });
    if (message) { flash.textContent = message; flash.focus(); }
  };
  await load();
}

/**
 * The agencies directory: the school's entries over the trust's defaults over the built-in ones.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function renderAgencies(container, { me }) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const body = h("div");
  const editor = me.has("dsl") && !!me.school ? "school" : me.has("trust-lead") && !me.school ? "trust" : null;
  clear(container, h("h1", {}, "Agencies"), h("p", { class: "hint" }, editor === "trust"
    ? "The trust's default contacts for every school. A school's DSL can set their own."
    : "Whom to call: your school's contacts, else the trust's defaults."), flash, body);
  const load = async (message) => {
    clear(flash);
    await withStates(body, "the agencies directory", async () => {
      const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<IncidentApi["AgencyEntry"][]>>} */ (getJson("/api/incident/agencies"));
      return [freshness("the incident service", fetchedAt), data.map((a) => agency(a, editor, load))];
    });
    if (message) { flash.textContent = message; flash.focus(); }
  };
  await load();
}

/**
 * @param {IncidentApi["AgencyEntry"]} a
 * @param {"school" | "trust" | null} editor
 * @param {(message?: string) => Promise<void>} load
 */
function agency(a, editor, load) {
  const c = a.contact;
  const source = { school: "your school's", trust: "the trust's default", "built-in": "built-in default" }[a.source];
  const id = (n) => `ag-${a.code}-${n}`;
  const el = form(`Edit ${a.label}`, "Save",
    field("Name", input(id("name"), { value: c.name }), { name: "name" }),
    h("div", { class: "row" }, field("Phone", input(id("phone"), { value: c.phone ?? "", type: "tel" }), { name: "phone", optional: true }),
      field("Out of hours", input(id("outOfHoursPhone"), { value: c.outOfHoursPhone ?? "", type: "tel" }), { name: "outOfHoursPhone", optional: true })),
    h("div", { class: "row" }, field("Email", input(id("email"), { value: c.email ?? "", type: "email" }), { name: "email", optional: true }),
      field("Web", input(id("web"), { value: c.web ?? "", type: "url" }), { name: "web", optional: true })),
    field("Notes", textarea(id("notes"), c.notes ?? ""), { name: "notes", optional: true }));
  const v = (n) => orNull(/** @type {import("../forms.js").Control} */ (el.querySelector(`#${id(n)}`)).value.trim());
  onSubmit(el, {
    send: () => putJson(`/api/incident/agencies/${a.code}`, /** @satisfies {IncidentApi["AgencyContactRequest"]} */ ({ name: v("name"), phone: v("phone"),
      outOfHoursPhone: v("outOfHoursPhone"), email: v("email"), web: v("web"), notes: v("notes") }), { "If-Match": `"${a.editRevision}"` }),
    done: () => load(`${a.label} saved.`), reload: () => load(), record: "agency",
  });
  const own = (editor === "school" && a.source === "school") || (editor === "trust" && a.source === "trust");
  const reset = h("button", { type: "button", class: "button secondary", onclick: async () => {
    try { await del(`/api/incident/agencies/${a.code}`, { "If-Match": `"${a.editRevision}"` }); await load(`${a.label}: back to the default.`); }
    catch (error) { reset.after(h("p", { class: "state error", role: "alert" }, error?.problem?.detail ?? error.message)); }
  } }, editor === "school" ? "Use the trust's default again" : "Use the built-in default again");
  return section(a.label,
    h("dl", { class: "facts" },
      h("dt", {}, "Name"), h("dd", {}, c.name),
      h("dt", {}, "Phone"), h("dd", {}, c.phone ? h("a", { href: `tel:${c.phone.replaceAll(" ", "")}` }, c.phone) : "—"),
      h("dt", {}, "Out of hours"), h("dd", {}, c.outOfHoursPhone ?? "—"),
      h("dt", {}, "Email"), h("dd", {}, c.email ?? "—"),
      h("dt", {}, "Web"), h("dd", {}, c.web ? h("a", { href: c.web, rel: "noopener noreferrer", target: "_blank" }, c.web) : "—"),
      h("dt", {}, "Notes"), h("dd", {}, c.notes ?? "—"),
      h("dt", {}, "From"), h("dd", {}, source + (a.updatedByName ? ` (${a.updatedByName}, ${fmt.dateTime(a.updatedAt)})` : ""))),
    editor ? disclosure(`Edit ${editor === "school" ? "your school's" : "the trust's"} contact`, el) : null,
    editor && own ? reset : null);
}
