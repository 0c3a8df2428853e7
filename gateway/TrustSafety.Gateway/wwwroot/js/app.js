// @ts-check
import { currentUser, describe, signIn, signOut } from "./auth.js";
import { h, clear, failure } from "./ui.js";
import * as trust from "./views/trust.js";
import * as grants from "./views/grants.js";
import * as school from "./views/school.js";
import * as incidentList from "./views/incidentlist.js";
import * as incident from "./views/incident.js";
import * as consent from "./views/consent.js";
import * as devices from "./views/devices.js";
import * as alerts from "./views/alerts.js";
import * as packs from "./views/packs.js";
import * as sources from "./views/sources.js";
import * as report from "./views/report.js";
import * as standards from "./views/standards.js";
import * as cases from "./views/cases.js";
import * as chronology from "./views/chronology.js";
import * as tasks from "./views/tasks.js";
import * as notifications from "./views/notifications.js";
import { getJson } from "./api.js";
import * as governance from "./views/governance.js";
import * as aups from "./views/aups.js";
import * as records from "./views/records.js";
import * as staff from "./views/staff.js";

const SAFEGUARDING = ["dsl", "deputy-dsl", "headteacher"];

/** @typedef {import("../../../../web/types/incident").components["schemas"]} IncidentApi */
/** @typedef {import("../../../../web/types/notifications").components["schemas"]["NotificationPage"]} NotificationPage */
/**
 * A menu entry and the view it opens.
 * @typedef {{ path: string, title: string, roles: string[], view: (container: HTMLElement, context: import("./ui.js").ViewContext) => Promise<void>,
 *   hidden?: boolean, parent?: string, school?: boolean, trustWide?: boolean }} Route
 */

// Route → who may open it. The services enforce the same rules; this only decides what the dashboard offers.
// `parent` is the menu entry a hidden page belongs to; `school` marks views that need a school account (not trust-wide),
// `trustWide` views that need a trust-wide account.
/** @type {Route[]} */
const routes = [
  { path: "trust", title: "Trust overview", roles: ["trust-lead"], view: trust.render },
  { path: "grants", title: "Drill-down grants", roles: ["trust-lead"], view: grants.render },
  { path: "trust/schools/:urn", title: "School drill-down", roles: ["trust-lead"], view: grants.renderDrillDown, hidden: true, parent: "grants" },
  { path: "trust/standards", title: "Filtering standards", roles: ["trust-lead"], view: standards.renderTrust },
  { path: "school", title: "My school", roles: SAFEGUARDING, view: school.render },
  { path: "report", title: "Report a concern", roles: [...SAFEGUARDING, "staff", "it-admin"], view: report.render, school: true },
  { path: "tasks", title: "My tasks", roles: [...SAFEGUARDING, "staff", "it-admin"], view: tasks.render, school: true },
  { path: "incidents", title: "Incidents", roles: [...SAFEGUARDING, "staff"], view: incidentList.renderList },
  { path: "incidents/:id", title: "Incident", roles: [...SAFEGUARDING, "staff", "it-admin"], view: incident.renderOne, hidden: true, parent: "incidents", school: true },
  { path: "case-links", title: "Linked cases", roles: ["dsl"], view: cases.renderLinks, school: true },
  { path: "case-links/:id", title: "Linked case", roles: ["dsl"], view: cases.renderLink, hidden: true, parent: "case-links", school: true },
  { path: "agencies", title: "Agencies", roles: [...SAFEGUARDING, "staff", "trust-lead"], view: cases.renderAgencies },
  { path: "pupils/:id", title: "Pupil chronology", roles: ["dsl"], view: chronology.render, hidden: true, parent: "incidents", school: true },
  { path: "consent", title: "Consent and AUP", roles: SAFEGUARDING, view: consent.render },
  { path: "alerts", title: "Filter alerts", roles: SAFEGUARDING, view: alerts.render },
  { path: "sources", title: "Ingest sources", roles: ["it-admin"], view: sources.render },
  { path: "devices", title: "Devices", roles: [...SAFEGUARDING, "it-admin"], view: devices.render },
  { path: "standards", title: "Filtering standards", roles: [...SAFEGUARDING, "it-admin"], view: standards.render, school: true },
  { path: "unblock", title: "Ask to unblock a site", roles: ["staff"], view: standards.renderUnblock, school: true },
  { path: "packs", title: "Governor packs", roles: ["governor", ...SAFEGUARDING, "trust-lead"], view: packs.render },
  { path: "notifications", title: "Notifications", roles: ["trust-lead", ...SAFEGUARDING, "staff", "it-admin", "governor"], view: notifications.render, hidden: true },
  { path: "governance", title: "Governance", roles: ["governor", ...SAFEGUARDING], view: governance.render, school: true },
  { path: "aups", title: "Acceptable use", roles: [...SAFEGUARDING, "it-admin", "staff", "governor"], view: aups.render, school: true },
  { path: "records", title: "Records and audit", roles: ["dsl"], view: records.render, school: true },
  { path: "staff-accounts", title: "Staff accounts", roles: ["it-admin"], view: staff.render, trustWide: true },
];

function match(hash) {
  const parts = hash.replace(/^#\/?/, "").split("?")[0].split("/").filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split("/");
    if (pattern.length !== parts.length) continue;
    /** @type {Record<string, string>} */
    const params = {};
    if (pattern.every((p, i) => (p.startsWith(":") ? ((params[p.slice(1)] = decodeURIComponent(parts[i])), true) : p === parts[i])))
      return { route, params, query: new URLSearchParams(hash.split("?")[1] ?? "") };
  }
  return null;
}

const main = document.getElementById("main");
const nav = document.getElementById("nav");
let me;

function allowed(route) { return me.has(...route.roles) && (!route.school || !!me.school) && (!route.trustWide || !me.school); }

function renderNav(active) {
  const items = routes.filter((r) => !r.hidden && allowed(r));
  clear(nav, h("ul", {}, items.map((r) => h("li", {},
    h("a", { href: `#/${r.path}`, dataset: { path: r.path },
      "aria-current": active && (active.path === r.path || active.parent === r.path) ? "page" : undefined }, r.title)))));
  nav.hidden = false;
  navCounts();
  return items;
}

/**
 * What waits in each place, beside its menu entry: for the safeguarding team on "My school" the concerns awaiting triage,
 * overdue referrals and tasks due; on "My tasks" the caller's open tasks. Best effort: a count that cannot load is left off.
 */
// Read at most once a minute (every page would otherwise add four requests to its own): a page shows the last counts.
const COUNTS_EVERY_MS = 60_000;
let counts = { at: 0, shown: [] };

async function navCounts() {
  if (Date.now() - counts.at < COUNTS_EVERY_MS) { for (const args of counts.shown) show(...args); return; }
  counts = { at: Date.now(), shown: [] };
  const remember = (...args) => { counts.shown.push(args); show(...args); };
  const jobs = [];
  /** @template T @param {Promise<T>} p @returns {Promise<T | null>} */
  const quietly = (p) => p.catch(() => null);
  if (allowed(routes.find((r) => r.path === "tasks"))) {
    jobs.push(quietly(/** @type {ReturnType<typeof getJson<IncidentApi["TaskItem"][]>>} */ (getJson("/api/incident/tasks/mine"))).then((r) => r && remember("tasks", r.data.length, `${r.data.length} open`)));
  }
  if (me.school && me.has(...SAFEGUARDING)) {
    jobs.push(Promise.all([
      quietly(/** @type {ReturnType<typeof getJson<IncidentApi["IncidentPage"]>>} */ (getJson("/api/incident/incidents?status=reported&pageSize=1"))),
      quietly(/** @type {ReturnType<typeof getJson<IncidentApi["OverdueReferral"][]>>} */ (getJson("/api/incident/referrals/overdue"))),
      quietly(/** @type {ReturnType<typeof getJson<IncidentApi["TaskItem"][]>>} */ (getJson("/api/incident/tasks"))),
    ]).then(([waiting, overdue, open]) => {
      const due = (open?.data ?? []).filter((t) => t.overdue || t.dueOn <= new Date().toISOString().slice(0, 10)).length;
      const n = Number(waiting?.data.total ?? 0) + (overdue?.data.length ?? 0) + due;
      remember("school", n, `${n} need your attention`);
    }));
  }
  await Promise.all(jobs);
}

function show(path, n, words) {
  const link = nav.querySelector(`a[data-path="${path}"]`);
  if (!link || !n) return;
  // Beside the link, not in it (its name stays the page's); the link is described by it.
  const id = `nav-count-${path}`;
  link.after(h("span", { class: "nav-count", id }, String(n), h("span", { class: "visually-hidden" }, ` ${words}`)));
  link.setAttribute("aria-describedby", id);
}

/** The header's unread count, from the notification centre (refreshed on every page and each minute). */
let unreadAt = 0;
async function unreadCount(known, { force = false } = {}) {
  const link = document.getElementById("notifications-link");
  const badgeEl = document.getElementById("unread");
  let n = known;
  if (n === undefined) {
    if (!force && Date.now() - unreadAt < 20_000) return;
    unreadAt = Date.now();
    try { n = (await /** @type {ReturnType<typeof getJson<NotificationPage>>} */ (getJson("/api/notifications/notifications?pageSize=1"))).data.unread; } catch { return; }
  }
  link.hidden = false;
  badgeEl.hidden = !n;
  badgeEl.textContent = n ? String(n) : "";
  link.setAttribute("aria-label", n ? `Notifications, ${n} unread` : "Notifications, none unread");
}

// Each navigation's number: a slower, earlier view finishing late must not move focus away from the current one.
let navigation = 0;

async function route() {
  const current = ++navigation;
  const found = match(window.location.hash);
  const items = renderNav(found?.route);
  if (!found) {
    if (items.length) { window.location.replace(`#/${items[0].path}`); return; }
    clear(main, h("h1", {}, "Nothing to show"), h("p", {}, "Your role has no dashboard views. Ask the trust's IT administrator if this is wrong."));
    return;
  }
  const { route: r, params, query } = found;
  document.title = `${r.title} – TrustSafety`;
  if (!allowed(r)) {
    clear(main, h("h1", {}, r.title), h("p", { class: "state error", role: "alert" }, "This view is not available for your role."));
    return;
  }
  const container = h("div", { class: "view" });
  clear(main, container);
  try {
    await r.view(container, { params, query, me, refreshCount: unreadCount });
  } catch (error) {
    clear(container, failure(r.title.toLowerCase(), error));
  }
  if (current === navigation) main.focus({ preventScroll: true });
}

function landing() {
  document.title = "Sign in – TrustSafety";
  clear(main, h("div", { class: "landing" },
    h("h1", {}, "TrustSafety dashboard"),
    h("p", {}, "Online safety across the trust: incidents, filtering and monitoring, consent, devices and governor packs."),
    h("button", { type: "button", class: "button", id: "sign-in", onclick: startSignIn }, "Sign in"),
    h("p", { id: "sign-in-status", class: "state", role: "status" })));
}

/** Sign-in first fetches the identity provider's discovery document; if that fails the user must be told, not left waiting. */
async function startSignIn(event) {
  const button = event.currentTarget;
  const status = document.getElementById("sign-in-status");
  button.disabled = true;
  status.className = "state";
  status.textContent = "Opening the sign-in page…";
  try {
    await signIn();
  } catch (error) {
    status.className = "state error";
    status.textContent = `Could not reach the sign-in service (${error?.message ?? error}). Try again in a moment.`;
    button.disabled = false;
  }
}

// The router owns the URL hash, so the skip link moves focus itself instead of navigating to #main.
document.querySelector(".skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

async function start() {
  let user;
  try {
    user = await currentUser();
  } catch (error) {
    clear(main, failure("the sign-in library", error));
    return;
  }
  if (!user) { landing(); return; }
  me = describe(user);
  document.getElementById("who").textContent = `${me.name}${me.school ? ` · school ${me.school}` : " · trust-wide"}`;
  const out = document.getElementById("sign-out");
  out.hidden = false;
  out.addEventListener("click", () => signOut());
  window.addEventListener("hashchange", route);
  window.addEventListener("hashchange", () => unreadCount());
  setInterval(() => unreadCount(undefined, { force: true }), 60_000);
  unreadCount();
  await route();
}

start();
