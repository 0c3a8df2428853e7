import { currentUser, describe, signIn, signOut } from "./auth.js";
import { h, clear, failure } from "./ui.js";
import * as trust from "./views/trust.js";
import * as grants from "./views/grants.js";
import * as school from "./views/school.js";
import * as incidents from "./views/incidents.js";
import * as consent from "./views/consent.js";
import * as devices from "./views/devices.js";
import * as alerts from "./views/alerts.js";
import * as packs from "./views/packs.js";
import * as sources from "./views/sources.js";
import * as report from "./views/report.js";
import * as standards from "./views/standards.js";
import * as governance from "./views/governance.js";

const SAFEGUARDING = ["dsl", "deputy-dsl", "headteacher"];

// Route → who may open it. The services enforce the same rules; this only decides what the dashboard offers.
// `parent` is the menu entry a hidden page belongs to; `school` marks views that need a school account (not trust-wide).
const routes = [
  { path: "trust", title: "Trust overview", roles: ["trust-lead"], view: trust.render },
  { path: "grants", title: "Drill-down grants", roles: ["trust-lead"], view: grants.render },
  { path: "trust/schools/:urn", title: "School drill-down", roles: ["trust-lead"], view: grants.renderDrillDown, hidden: true, parent: "grants" },
  { path: "trust/standards", title: "Filtering standards", roles: ["trust-lead"], view: standards.renderTrust },
  { path: "school", title: "My school", roles: SAFEGUARDING, view: school.render },
  { path: "report", title: "Report a concern", roles: [...SAFEGUARDING, "staff", "it-admin"], view: report.render, school: true },
  { path: "incidents", title: "Incidents", roles: [...SAFEGUARDING, "staff"], view: incidents.renderList },
  { path: "incidents/:id", title: "Incident", roles: [...SAFEGUARDING, "staff", "it-admin"], view: incidents.renderOne, hidden: true, parent: "incidents", school: true },
  { path: "consent", title: "Consent and AUP", roles: SAFEGUARDING, view: consent.render },
  { path: "alerts", title: "Filter alerts", roles: SAFEGUARDING, view: alerts.render },
  { path: "sources", title: "Ingest sources", roles: ["it-admin"], view: sources.render },
  { path: "devices", title: "Devices", roles: [...SAFEGUARDING, "it-admin"], view: devices.render },
  { path: "standards", title: "Filtering standards", roles: [...SAFEGUARDING, "it-admin"], view: standards.render, school: true },
  { path: "packs", title: "Governor packs", roles: ["governor", ...SAFEGUARDING, "trust-lead"], view: packs.render },
  { path: "governance", title: "Governance", roles: ["governor", ...SAFEGUARDING], view: governance.render, school: true },
];

function match(hash) {
  const parts = hash.replace(/^#\/?/, "").split("?")[0].split("/").filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split("/");
    if (pattern.length !== parts.length) continue;
    const params = {};
    if (pattern.every((p, i) => (p.startsWith(":") ? ((params[p.slice(1)] = decodeURIComponent(parts[i])), true) : p === parts[i])))
      return { route, params, query: new URLSearchParams(hash.split("?")[1] ?? "") };
  }
  return null;
}

const main = document.getElementById("main");
const nav = document.getElementById("nav");
let me;

function allowed(route) { return me.has(...route.roles) && (!route.school || !!me.school); }

function renderNav(active) {
  const items = routes.filter((r) => !r.hidden && allowed(r));
  clear(nav, h("ul", {}, items.map((r) => h("li", {},
    h("a", { href: `#/${r.path}`, "aria-current": active && (active.path === r.path || active.parent === r.path) ? "page" : undefined }, r.title)))));
  nav.hidden = false;
  return items;
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
    await r.view(container, { params, query, me });
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
  await route();
}

start();
