// @ts-check
import { getJson, postJson, putJson, ApiError } from "../api.js";
import { h, clear, fmt, freshness, table, section, withStates, badge, empty } from "../ui.js";
import { field, input, textarea, select, radios, checkedValue, disclosure, form, onSubmit } from "../forms.js";
import { UKSIC, FOUR_C } from "../lists.js";

/** @typedef {import("../../../../../web/types/filtering-ingest").components["schemas"]} IngestApi */
/** @typedef {import("../forms.js").Control} Control */

const DAY = 24 * 3600 * 1000;

/** The vendor formats filtering-ingest reads (services/filtering-ingest/README.md), in words an IT admin recognises. */
export const FORMATS = [
  { value: "canonical-json", label: "TrustSafety JSON (canonical-json)" },
  { value: "fortigate-kv", label: "FortiGate key=value log (fortigate-kv; webhook or syslog)" },
  { value: "cef", label: "Common Event Format (cef; webhook or syslog)" },
  { value: "squid", label: "Squid access log (squid)" },
  { value: "umbrella-csv", label: "Cisco Umbrella DNS CSV (umbrella-csv)" },
  { value: "smoothwall-webfilter-csv", label: "Smoothwall web filter CSV (smoothwall-webfilter-csv)" },
  { value: "smoothwall-safeguarding-csv", label: "Smoothwall safeguarding CSV (smoothwall-safeguarding-csv)" },
  { value: "lightspeed-csv", label: "Lightspeed CSV (lightspeed-csv)" },
  { value: "google-alert-center", label: "Google Workspace Alert Center push (google-alert-center)" },
  { value: "graph-security-alerts", label: "Microsoft Graph security alerts (graph-security-alerts)" },
  { value: "paloalto-syslog", label: "Palo Alto Networks PAN-OS threat and URL filtering log (paloalto-syslog; webhook or syslog)" },
  { value: "sophos-firewall-kv", label: "Sophos Firewall web filter log (sophos-firewall-kv; webhook or syslog)" },
  { value: "senso-csv", label: "Senso captures CSV (senso-csv)" },
  { value: "securly-csv", label: "Securly Filter activity report CSV (securly-csv)" },
  { value: "netsweeper-csv", label: "Netsweeper request log CSV (netsweeper-csv)" },
  { value: "impero-captures-csv", label: "Impero keyword captures CSV (impero-captures-csv)" },
  { value: "linewize-csv", label: "Qoria / Linewize School Manager or Monitor CSV (linewize-csv)" },
];

const OVERLAPS = [
  { value: "", label: "24 hours (the default)" },
  { value: "60", label: "1 hour" },
  { value: "0", label: "No overlap: the old secret stops now" },
];

function health(source, hv) {
  if (source.state !== "active") return badge(source.state, "warn");
  if (!hv) return badge("unknown", "neutral");
  if (!hv.lastReceivedAt) return badge("no data yet", "warn");
  if (Date.now() - new Date(hv.lastReceivedAt).getTime() > DAY) return badge("stale (over 24 h)", "bad");
  if (hv.rejected > 0 && hv.rejected >= hv.accepted) return badge("rejecting records", "bad");
  return badge("healthy", "good");
}

const orNull = (v) => (v === "" || v === undefined ? null : v);

/**
 * IT admin: register a vendor source (its secret shown once, with the webhook address and how to sign), rotate its
 * secret, pause, resume or revoke it, and every source's health and the records the platform could not use.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { me }) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const secret = h("div");
  const register = h("div");
  const changes = h("div");
  const body = h("div");
  clear(container, h("h1", {}, "Ingest sources"),
    h("p", { class: "lead" }, "A source is one vendor connection: your web filter or monitoring service sends its events here, signed with the source's secret."),
    flash, secret, register, changes, body);

  const announce = (message) => { flash.textContent = message; flash.focus(); };
  // The forms are drawn again only after a change of this page's own (`forms`); reading the health again (a first
  // event arriving) redraws the list alone, so a form someone is filling in is never replaced under them.
  const load = ({ forms = true } = {}) => withStates(body, "ingest sources", async () => {
    const { data: sources, fetchedAt } = await getJson("/api/filtering-ingest/sources");
    const live = sources.filter((s) => s.state !== "revoked");
    if (forms) {
      clear(register, section("Register a source", disclosure("Register a vendor source", registerForm(me, ctx), { open: !sources.length })));
      clear(changes, live.length ? section("Change a source",
        disclosure("Rotate a source's secret", rotateForm(live, ctx)),
        disclosure("Pause, resume or revoke a source", stateForm(live, ctx))) : null);
    }
    if (!sources.length) return [freshness("filtering-ingest", fetchedAt), empty("No sources registered yet: register your web filter or monitoring service above.")];
    const healths = await Promise.all(sources.map((s) => getJson(`/api/filtering-ingest/sources/${s.id}/health`).then((r) => r.data).catch(() => null)));
    const rows = sources.map((s, i) => ({ s, hv: healths[i] }));
    const rejected = rows.flatMap(({ s, hv }) => (hv?.recentRejected ?? []).map((r) => ({ ...r, source: s.name })))
      .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
    return [
      freshness("filtering-ingest", fetchedAt),
      table("Sources and their health", [
        { label: "Source", value: ({ s }) => s.name, rowHeader: true },
        { label: "Vendor / format", value: ({ s }) => `${s.vendor} · ${s.format}` },
        { label: "School", value: ({ s }) => (s.trustWide ? "trust-wide" : s.schoolUrn) },
        { label: "Health", value: ({ s, hv }) => health(s, hv) },
        { label: "Accepted", value: ({ hv }) => fmt.number(hv?.accepted), numeric: true },
        { label: "Duplicates", value: ({ hv }) => fmt.number(hv?.duplicates), numeric: true },
        { label: "Rejected", value: ({ hv }) => fmt.number(hv?.rejected), numeric: true },
        { label: "Unknown categories", value: ({ hv }) => fmt.number(hv?.unknownCategories), numeric: true },
        { label: "Last received", value: ({ hv }) => fmt.dateTime(hv?.lastReceivedAt) },
        { label: "Secret valid until", value: ({ s }) => (s.secretsValidUntil.length ? s.secretsValidUntil.map((d) => (d ? fmt.dateTime(d) : "no expiry")).join(", ") : "no secret (revoked)") },
      ], rows),
      unknownSection(rows, me, ctx),
      section("Rejected records", table("Records that could not be used (most recent first)", [
        { label: "When", value: (r) => fmt.dateTime(r.at), rowHeader: true }, { label: "Source", value: (r) => r.source },
        { label: "Channel", value: (r) => r.channel }, { label: "Record", value: (r) => r.record, numeric: true },
        { label: "Field", value: (r) => r.field }, { label: "Reason", value: (r) => r.reason },
        { label: "Raw (start)", value: (r) => (r.raw ? h("code", {}, r.raw.length > 80 ? r.raw.slice(0, 80) + "…" : r.raw) : "—") },
      ], rejected, { emptyMessage: "No rejected records." })),
    ];
  });
  const ctx = {
    flash,
    /** After register or rotate: the secret, once, then the list read again. */
    showSecret: async (answer, message, { watch = true } = {}) => {
      clear(secret, secretPanel(answer, message, () => { clear(secret); announce("The secret is hidden. It cannot be shown again; rotate the secret if it is lost."); },
        watch ? () => load({ forms: false }) : null));
      await load();
      secret.querySelector("h2")?.focus();
    },
    changed: async (message) => { clear(secret); await load(); announce(message); },
  };
  await load();
}

function registerForm(me, ctx) {
  const format = select("source-format", FORMATS, "", { placeholder: "Choose the vendor's format" });
  const el = form("Register a vendor source", "Register the source",
    h("div", { class: "row" },
      field("Source name", input("source-name"), { name: "name", hint: "For example: Blakehill FortiGate." }),
      field("Vendor format", format, { name: "format", hint: "What your filter or monitoring service sends." })),
    me.school ? null : field("School URN", input("source-schoolUrn", { inputmode: "numeric" }), { name: "schoolUrn", optional: true,
      hint: "The school's 6-digit DfE URN. Leave empty for a trust-wide source (events are matched to schools by device)." }),
    field("Allowed syslog senders", textarea("source-allowedSenders", "", { rows: 2 }), { name: "allowedSenders", optional: true,
      hint: "Only for a firewall sending syslog (FortiGate, CEF, Palo Alto, Sophos): its IP addresses or small ranges, one a line." }),
    field("Time zone of the vendor's times", input("source-timeZone", { value: "Europe/London" }), { name: "timeZone",
      hint: "For times the vendor sends without an offset." }));
  onSubmit(el, {
    busy: "Registering…",
    record: "source",
    words: { format: "Choose the format your vendor sends from the list." },
    starting: () => clear(ctx.flash),
    // rateLimitPerSecond and categoryMap left out: the service's defaults.
    send: () => postJson("/api/filtering-ingest/sources", /** @satisfies {Partial<IngestApi["RegisterSource"]>} */ ({
      name: orNull(/** @type {Control} */ (el.querySelector("#source-name")).value.trim()),
      format: orNull(format.value),
      schoolUrn: orNull(/** @type {Control | null} */ (el.querySelector("#source-schoolUrn"))?.value.trim()),
      allowedSenders: /** @type {Control} */ (el.querySelector("#source-allowedSenders")).value.split(/[\s,]+/).filter(Boolean),
      timeZone: orNull(/** @type {Control} */ (el.querySelector("#source-timeZone")).value.trim()),
    })),
    done: (answer) => ctx.showSecret(answer, `${answer.source.name} is registered.`),
  });
  return el;
}

function rotateForm(live, ctx) {
  const source = select("rotate-source", live.map((s) => ({ value: s.id, label: s.name })), live[0].id);
  const overlap = select("rotate-overlap", OVERLAPS, "");
  const el = form("Rotate a source's secret", "Rotate the secret",
    h("div", { class: "row" }, field("Source", source, { name: "sourceId" }),
      field("Old secret keeps working for", overlap, { name: "overlapMinutes", hint: "Time to give the vendor the new secret." })));
  onSubmit(el, {
    busy: "Rotating…",
    record: "source",
    starting: () => clear(ctx.flash),
    send: () => postJson(`/api/filtering-ingest/sources/${encodeURIComponent(source.value)}/rotate-secret`,
      /** @satisfies {IngestApi["RotateSecret"]} */ ({ overlapMinutes: overlap.value === "" ? null : Number(overlap.value) }),
      ifMatch(live, source.value)),
    done: (answer) => ctx.showSecret(answer, `${answer.source.name} has a new secret.`, { watch: false }),
  });
  return el;
}

/**
 * The revision of the source as this page read it: a colleague's change since then is a 412 ("changed since you read
 * it"), so a rotation never brings back a source someone revoked meanwhile.
 * @param {{ id: string, revision: number | string }[]} live
 * @param {string} id
 */
function ifMatch(live, id) {
  return { "If-Match": `"${live.find((s) => s.id === id)?.revision ?? 0}"` };
}

function stateForm(live, ctx) {
  const source = select("state-source", live.map((s) => ({ value: s.id, label: `${s.name} (${s.state})` })), live[0].id);
  const change = radios("state-change", "Change", "change", [
    { value: "pause", label: "Pause: refuse its events until resumed" },
    { value: "resume", label: "Resume a paused source" },
    { value: "revoke", label: "Revoke: its secrets stop working for good" },
  ], "");
  const el = form("Pause, resume or revoke a source", "Change the source", field("Source", source, { name: "sourceId" }), change);
  onSubmit(el, {
    busy: "Changing…",
    record: "source",
    starting: () => clear(ctx.flash),
    send: () => {
      const chosen = checkedValue(el, "state-change");
      if (!chosen) return Promise.reject(new ApiError(400, { title: "No change chosen", errors: { change: ["Choose whether to pause, resume or revoke the source."] } }));
      return postJson(`/api/filtering-ingest/sources/${encodeURIComponent(source.value)}/${chosen}`, undefined, ifMatch(live, source.value));
    },
    done: (s) => ctx.changed(`${s.name} is now ${s.state}.`),
  });
  return el;
}

/**
 * The secret, this once: copy button, the webhook address, how a vendor signs (README "Connecting a vendor"), and for
 * a new source a wait for its first event (its health, read again every few seconds while this panel is on the page;
 * `reloadList` then redraws the list). After a rotation: until when the old secret still works.
 */
function secretPanel(answer, message, hide, reloadList) {
  const s = answer.source;
  const url = `${window.location.origin}/api/filtering-ingest${s.webhookPath}`;
  const secretBox = h("input", { id: "new-secret", type: "text", readonly: true, value: answer.secret, class: "secret", spellcheck: "false" });
  const urlBox = h("input", { id: "webhook-url", type: "text", readonly: true, value: url, class: "secret", spellcheck: "false" });
  const copied = h("p", { class: "hint", role: "status" });
  const copy = async (box, what) => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(box.value);
    } catch {
      box.select();
      if (!document.execCommand?.("copy")) { copied.textContent = `Select the ${what} and copy it yourself (Ctrl+C).`; return; }
    }
    copied.textContent = `The ${what} is copied.`;
  };
  const old = s.secretsValidUntil.filter(Boolean).sort().at(-1);
  const first = h("p", { class: "first-event", role: "status" }, reloadList ? "Waiting for the first event from the vendor…"
    : old ? `Events signed with the old secret are accepted until ${fmt.dateTime(old)}: give the vendor the new one before then.`
      : "The old secret no longer works: give the vendor the new one now.");
  const panel = h("section", { class: "panel secret-panel", "aria-labelledby": "secret-h" },
    h("h2", { id: "secret-h", tabindex: "-1" }, message),
    h("p", { class: "banner" }, h("strong", {}, "Copy the secret now: it is shown only this once. "),
      "It is stored encrypted and nobody can read it back; if it is lost, rotate the secret."),
    field("Signing secret", secretBox),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "button secondary", onclick: () => copy(secretBox, "secret") }, "Copy the secret"),
      h("button", { type: "button", class: "button secondary", onclick: () => copy(urlBox, "webhook address") }, "Copy the webhook address")),
    copied,
    field("Webhook address", urlBox, { hint: s.format === "google-alert-center" ? "Put the secret in place of <secret>." : "The vendor POSTs its events here." }),
    h("h3", {}, "How the vendor signs each request"),
    h("p", {}, "Standard Webhooks: an HMAC-SHA256, keyed by the secret's bytes after ", h("code", {}, "whsec_"), ", over ",
      h("code", {}, "webhook-id.webhook-timestamp.body"), ", sent base64 in ", h("code", {}, "webhook-signature: v1,…"),
      " with the two other headers; a timestamp more than 5 minutes out is refused. To try it from a shell:"),
    h("pre", { class: "example", tabindex: "0", "aria-label": "Example of a signed request" }, signingExample(url, answer.secret)),
    first,
    h("div", { class: "actions" }, h("button", { type: "button", class: "button", onclick: hide }, "I have stored the secret: hide it")));
  if (reloadList) watchFirstEvent(panel, s.id, first, reloadList);
  return panel;
}

function signingExample(url, secret) {
  return [
    `URL='${url}'`,
    `SECRET='${secret}'`,
    `BODY='[{"occurredAt": "${new Date().toISOString().slice(0, 19)}Z", "sourceEventId": "test-1",`,
    `  "activity": {"action": "Blocked"}, "classification": {"categoryLabel": "gambling", "severity": 2}}]'`,
    `ID="msg_$(date +%s%N)"; TS=$(date +%s)`,
    `KEY=$(printf '%s' "\${SECRET#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \\n')`,
    `SIG=$(printf '%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY" -binary | base64)`,
    `curl -s -X POST "$URL" -H "webhook-id: $ID" -H "webhook-timestamp: $TS" \\`,
    `  -H "webhook-signature: v1,$SIG" -H 'Content-Type: application/json' -d "$BODY"`,
  ].join("\n");
}

/** Reads the source's health every 4 s while the panel is shown; says when the first event arrived. */
function watchFirstEvent(panel, id, line, reloadList) {
  let polls = 0;
  const tick = async () => {
    if (!panel.isConnected && polls > 0) return;
    polls++;
    try {
      const { data } = await getJson(`/api/filtering-ingest/sources/${id}/health`);
      if (data.lastReceivedAt) {
        line.textContent = `First event received ${fmt.dateTime(data.lastReceivedAt)}: ${fmt.number(data.accepted)} accepted, ${fmt.number(data.rejected)} rejected.`;
        line.classList.add("received");
        if (panel.isConnected) await reloadList();
        return;
      }
    } catch (error) {
      if (error?.status === 401) return;
    }
    if (polls < 450) setTimeout(tick, 4000);
    else line.textContent = "Nothing has arrived yet. Check the vendor's settings, then reload this page to see the source's health.";
  };
  setTimeout(tick, 1000);
}

/**
 * Vendor categories no crosswalk maps (events counted as "other"), per source and vendor, most seen first. A trust IT
 * admin maps one in one step (PUT /crosswalks/{vendor}: it applies to every school from the next event on); once mapped
 * it leaves this list. A school's IT admin sees the list and who can map it.
 */
function unknownSection(rows, me, ctx) {
  const seen = new Set();
  const unknown = rows.flatMap(({ s, hv }) => (hv?.unknownCategoryCounts ?? []).map((u) => ({ ...u, source: s.name })))
    .sort((a, b) => b.count - a.count)
    .filter((u) => { const key = `${u.vendor}|${u.categoryId ?? ""}|${u.label ?? ""}`; return seen.has(key) ? false : (seen.add(key), true); });
  const canMap = !me.school;
  const name = (u) => [u.categoryId, u.label].filter(Boolean).join(" · ");
  return section("Categories to map",
    h("p", {}, "Vendor categories the crosswalk does not know yet. Their events are counted as \u201cother\u201d, so an alert on them can be missed.",
      canMap ? " Choose what each one is: the mapping applies to every school from the next event on."
        : " A trust IT administrator maps them for every school."),
    table("Unknown vendor categories (most seen first)", [
      { label: "Vendor category", value: (u) => name(u), rowHeader: true },
      { label: "Vendor", value: (u) => u.vendor },
      { label: "Source", value: (u) => u.source },
      { label: "Events", value: (u) => fmt.number(u.count), numeric: true },
      ...(canMap ? [{ label: "Map to", value: (u) => mapForm(u, ctx) }] : []),
    ], unknown, { emptyMessage: "Every category your sources sent is mapped.", className: "unknown-categories" }));
}

function mapForm(u, ctx) {
  const id = `map-${[u.vendor, u.categoryId ?? "", u.label ?? ""].join("-").toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const what = [u.categoryId, u.label].filter(Boolean).join(" · ");
  const category = select(`${id}-uksic`, UKSIC, "", { placeholder: "Choose a category" });
  const fourC = select(`${id}-fourc`, FOUR_C, "content");
  const el = h("form", { class: "edit-form map-form", novalidate: true, "aria-label": `Map ${what}` },
    h("div", { class: "error-summary", role: "alert", tabindex: "-1" }),
    h("div", { class: "row" },
      field(`Category for ${what}`, category, { name: "entries[0].uksic" }),
      field(`4C for ${what}`, fourC, { name: "entries[0].fourC" })),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button small" }, `Map ${what}`)),
    h("p", { class: "form-status", role: "status" }));
  onSubmit(el, {
    busy: "Mapping…",
    record: "crosswalk",
    words: { "entries[0].uksic": "Choose the category this vendor category belongs to." },
    starting: () => clear(ctx.flash),
    send: () => putJson(`/api/filtering-ingest/crosswalks/${encodeURIComponent(u.vendor)}`,
      /** @satisfies {IngestApi["ExtendCrosswalk"]} */ ({ entries: [{ categoryId: u.categoryId ?? null, label: u.label ?? null, uksic: category.value, fourC: fourC.value }] })),
    done: (answer) => ctx.changed(`${what} (${u.vendor}) now maps to ${category.selectedOptions[0].textContent}; crosswalk version ${answer.version}.`),
  });
  return el;
}
