// @ts-check
// Issue 16, point 5: acceptable use policies (consent service). The safeguarding team and the IT admin publish versions
// (If-Match once a policy exists), see who has not signed the current version and record signatures (paper, in person);
// every member of staff and governor reads the current policy and signs it themselves.
import { getJson, postJson, putJson } from "../api.js";
import { h, clear, fmt, table, section, withStates, empty, badge } from "../ui.js";
import { field, input, select, disclosure, form, onSubmit, today } from "../forms.js";

/** @typedef {import("../../../../../web/types/consent").components["schemas"]} ConsentApi */
/** @typedef {ConsentApi["AupView"]} AupView */
/** @typedef {import("../forms.js").Control} Control */

const API = "/api/consent/aups";
const MANAGERS = ["dsl", "deputy-dsl", "headteacher", "it-admin"];
const NAMERS = ["dsl", "deputy-dsl", "headteacher"];
const AUDIENCES = [
  { value: "staff", label: "Staff" }, { value: "governor", label: "Governors" },
  { value: "pupil", label: "Pupils" }, { value: "parent-visitor", label: "Parents and visitors" },
];
const audienceName = (code) => AUDIENCES.find((a) => a.value === code)?.label ?? fmt.label(code);
const STATES = { Current: ["signed", "good"], InGrace: ["older version, still counts", "warn"], Lapsed: ["lapsed", "bad"], NotSigned: ["not signed", "bad"] };
const CHANNELS = [{ value: "paper", label: "Paper form" }, { value: "in-person", label: "In person" }, { value: "online", label: "Online" }];
const orNull = (v) => (v === "" || v === undefined ? null : v);

/**
 * What the forms share: where to announce, and how to read the page again (with a message).
 * @typedef {{ flash: HTMLElement, changed: (message?: string) => Promise<void>, reload?: () => Promise<void> }} AupContext
 */

/**
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { me }) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const body = h("div");
  clear(container, h("h1", {}, "Acceptable use policies"), flash, body);
  const manages = me.has(...MANAGERS);
  const load = async (message) => {
    await withStates(body, "acceptable use policies", async () => {
      // GET /aups answers AupView[] (services/consent/PublishingAups/PublishAup.cs; its OpenAPI entry names no type).
      const { data: aups } = await /** @type {ReturnType<typeof getJson<AupView[]>>} */ (getJson(API));
      if (manages) return manage(aups, me, { flash, changed: load, reload: () => load() });
      const audience = me.has("governor") && !me.has("staff") ? "governor" : "staff";
      // Staff may read their own signature; governors are not shown it (the service refuses), so they see the form.
      const mine = audience === "staff" && aups.some((a) => a.audience === "staff")
        ? await getJson(`${API}/staff/signatures/${encodeURIComponent(me.id)}`).then((r) => r.data).catch(() => null) : null;
      return signMine(aups, audience, mine, { flash, changed: load });
    });
    if (message) { flash.textContent = message; flash.focus(); }
  };
  await load();
}

/**
 * A member of staff or a governor: the current policy for them and "I have read it and agree".
 * @param {AupView[]} aups
 * @param {string} audience
 * @param mine consent's SignatureStatus or null (its OpenAPI document does not describe it, so it is not typed)
 * @param {AupContext} ctx
 */
function signMine(aups, audience, mine, ctx) {
  const aup = aups.find((a) => a.audience === audience);
  if (!aup) return section("Your acceptable use policy", empty("Your school has not published an acceptable use policy for you yet. Your DSL publishes it."));
  const current = aup.versions.find((v) => v.version === aup.currentVersion);
  const el = form("Sign the acceptable use policy", "I have read it and agree");
  onSubmit(el, {
    busy: "Signing…", record: "policy", starting: () => clear(ctx.flash),
    send: () => postJson(`${API}/me/signature`, /** @satisfies {ConsentApi["SignMyAup"]} */ ({ version: aup.currentVersion })),
    done: (s) => ctx.changed(`Signed version ${s.signedVersion ?? aup.currentVersion}. Thank you.`),
  });
  const signed = mine?.state === "Current";
  return section("Your acceptable use policy",
    h("p", {}, `${current.title}, version ${current.version}, published ${fmt.date(current.publishedOn)}.`),
    current.documentUrl ? h("p", {}, h("a", { href: current.documentUrl, target: "_blank", rel: "noopener" }, "Read the policy")) : null,
    signed ? h("p", { class: "state" }, badge("signed", "good"), ` You signed version ${mine.signedVersion} on ${fmt.date(mine.signedAt)}.`) : el);
}

/** @param {AupView[]} aups @param {import("../auth.js").Me} me @param {AupContext} ctx */
function manage(aups, me, ctx) {
  const byAudience = new Map(aups.map((a) => [a.audience, a]));
  const status = h("div");
  const audience = select("aup-view", AUDIENCES, aups[0]?.audience ?? "staff");
  const showUnsigned = () => withStates(status, "signatures", async () => {
    const aup = byAudience.get(audience.value);
    if (!aup) return empty(`No ${audienceName(audience.value).toLowerCase()} policy is published yet: publish its first version below.`);
    const { data } = await getJson(`${API}/${audience.value}/unsigned`);
    return table(`${audienceName(audience.value)} who have not signed version ${aup.currentVersion}`, [
      { label: "Person", value: (s) => s.personId, rowHeader: true },
      { label: "Signature", value: (s) => badge(...(STATES[s.state] ?? [fmt.label(s.state), "neutral"])) },
      { label: "Signed version", value: (s) => (s.signedVersion ? String(s.signedVersion) : "—") },
      { label: "Counts until", value: (s) => fmt.date(s.validUntil) },
    ], data, { emptyMessage: `Everyone expected has signed the current ${audienceName(audience.value).toLowerCase()} policy.`, className: "aup-unsigned" });
  });
  audience.addEventListener("change", showUnsigned);
  showUnsigned();
  return [
    section("Published policies", table("Acceptable use policies", [
      { label: "For", value: (a) => audienceName(a.audience), rowHeader: true },
      { label: "Current version", value: (a) => { const v = a.versions.find((x) => x.version === a.currentVersion); return `${a.currentVersion}: ${v?.title ?? ""}`; } },
      { label: "Published", value: (a) => fmt.date(a.versions.find((x) => x.version === a.currentVersion)?.publishedOn) },
      { label: "Older signatures count for", value: (a) => `${a.versions.find((x) => x.version === a.currentVersion)?.graceDays ?? "—"} days` },
    ], aups, { emptyMessage: "No acceptable use policy is published yet: publish the first below.", className: "aups" }),
    disclosure("Publish a new version", publishForm(byAudience, ctx), { open: aups.length === 0 })),
    section("Who has not signed", field("Policy", audience, { name: "audience" }), status,
      disclosure("Record a signature", signatureForm(byAudience, me, ctx)),
      disclosure("Add someone who must sign", expectForm(me, ctx))),
  ];
}

/** @param {Map<string, AupView>} byAudience @param {AupContext} ctx */
function publishForm(byAudience, ctx) {
  const audience = select("aup-audience", AUDIENCES, "", { placeholder: "Choose who it is for" });
  const el = form("Publish a new version", "Publish the version",
    field("For", audience, { name: "audience" }),
    field("Title", input("aup-title"), { name: "title", hint: "For example: Staff acceptable use policy 2026." }),
    field("Link to the document", input("aup-documentUrl", { type: "url" }), { name: "documentUrl", optional: true }),
    field("Days older signatures still count", input("aup-graceDays", { inputmode: "numeric" }), { name: "graceDays", optional: true,
      hint: "Leave empty for the school's default; after these days everyone must sign the new version." }));
  const v = (id) => orNull(/** @type {Control} */ (el.querySelector(`#${id}`)).value.trim());
  onSubmit(el, {
    busy: "Publishing…", record: "policy", reload: () => ctx.reload(), starting: () => clear(ctx.flash),
    words: { audience: "Choose who the policy is for." },
    send: () => {
      const existing = byAudience.get(audience.value);
      const days = v("aup-graceDays");
      return /** @type {Promise<AupView>} */ (postJson(`${API}/${encodeURIComponent(audience.value || " ")}/versions`,
        /** @satisfies {ConsentApi["PublishAupVersion"]} */ ({ title: v("aup-title"), documentUrl: v("aup-documentUrl"),
          graceDays: days === null ? null : Number.isNaN(Number(days)) ? -1 : Number(days) }),
        { "If-Match": `"${existing?.version ?? 0}"` }));
    },
    done: (p) => ctx.changed(`Version ${p.currentVersion} of the ${audienceName(p.audience).toLowerCase()} policy is published.`),
  });
  return el;
}

/**
 * A person by name where the service can name them (staff accounts, for the safeguarding team), else by their id.
 * @param {string} id
 * @param {import("../auth.js").Me} me
 * @param {string} label
 */
function personField(id, me, label) {
  const control = input(id);
  const holder = field(label, control, { name: "personId", hint: "Their school id (a pupil's id such as P-1234; a member of staff's sign-in id)." });
  if (me.has(...NAMERS)) {
    const list = h("datalist", { id: `${id}-list` });
    control.setAttribute("list", `${id}-list`);
    holder.append(list);
    getJson("/api/identity/staff").then(({ data }) => {
      for (const s of data.staff) list.append(h("option", { value: s.id }, s.name));
    }).catch(() => { /* ids still work */ });
  }
  return holder;
}

/** @param {Map<string, AupView>} byAudience @param {import("../auth.js").Me} me @param {AupContext} ctx */
function signatureForm(byAudience, me, ctx) {
  const audience = select("sig-audience", AUDIENCES, "", { placeholder: "Choose the policy" });
  const channel = select("sig-channel", CHANNELS, "paper");
  const signedOn = input("sig-signedOn", { type: "date", value: today(), max: today() });
  const el = form("Record a signature", "Record the signature",
    field("Policy", audience, { name: "audience" }), personField("sig-personId", me, "Who signed"),
    h("div", { class: "row" }, field("How", channel, { name: "channel" }), field("Signed on", signedOn, { name: "signedOn" })));
  onSubmit(el, {
    busy: "Recording…", record: "policy", starting: () => clear(ctx.flash),
    words: { audience: "Choose the policy that was signed." },
    send: () => postJson(`${API}/${encodeURIComponent(audience.value || " ")}/signatures`, /** @satisfies {ConsentApi["RecordAupSignature"]} */ ({
      personId: orNull(/** @type {Control} */ (el.querySelector("#sig-personId")).value.trim()), version: byAudience.get(audience.value)?.currentVersion ?? null,
      channel: channel.value, signedOn: orNull(signedOn.value),
    })),
    done: () => ctx.changed("Signature recorded."),
  });
  return el;
}

/** @param {import("../auth.js").Me} me @param {AupContext} ctx */
function expectForm(me, ctx) {
  const audience = select("exp-audience", AUDIENCES.filter((a) => a.value !== "pupil"), "", { placeholder: "Choose the policy" });
  const el = form("Add someone who must sign", "Add them",
    field("Policy", audience, { name: "audience", hint: "Pupils come from the school's roster and need not be added." }),
    personField("exp-personId", me, "Who"));
  onSubmit(el, {
    busy: "Adding…", record: "policy", starting: () => clear(ctx.flash),
    words: { audience: "Choose the policy they must sign." },
    send: () => putJson(`${API}/${encodeURIComponent(audience.value || " ")}/people/${encodeURIComponent(/** @type {Control} */ (el.querySelector("#exp-personId")).value.trim() || " ")}`, {}),
    done: () => ctx.changed("Added: they now appear until they sign."),
  });
  return el;
}
