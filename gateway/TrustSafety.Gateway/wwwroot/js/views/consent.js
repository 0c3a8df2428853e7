// @ts-check
import { getJson, postJson, putJson, ApiError } from "../api.js";
import { h, clear, fmt, freshness, table, section, withStates, empty } from "../ui.js";
import { field, input, textarea, select, radios, checkedValue, disclosure, form, onSubmit, today } from "../forms.js";

/** @typedef {import("../../../../../web/types/consent").components["schemas"]} ConsentApi */
/** @typedef {ConsentApi["ConsentTypeView"]} ConsentTypeView */
/** @typedef {import("../forms.js").Control} Control */
/**
 * What the forms share: where to announce, the school's consent types, and how to read the page again with a message.
 * @typedef {{ flash: HTMLElement, types: ConsentTypeView[], changed: (message: string) => Promise<void> }} ConsentContext
 */

const RELATIONSHIPS = [
  { value: "mother", label: "Mother" }, { value: "father", label: "Father" }, { value: "parent", label: "Parent" },
  { value: "carer", label: "Carer" }, { value: "guardian", label: "Guardian" }, { value: "social-worker", label: "Social worker" },
  { value: "pupil", label: "The pupil" },
];
const CHANNELS = [
  { value: "paper", label: "Paper form" }, { value: "email", label: "Email" }, { value: "app", label: "School app" },
  { value: "phone", label: "Phone call" }, { value: "in-person", label: "In person" }, { value: "letter", label: "Letter" },
];
const YEAR_GROUPS = [{ value: "-1", label: "Nursery" }, { value: "0", label: "Reception" },
  ...Array.from({ length: 13 }, (_, i) => ({ value: String(i + 1), label: `Year ${i + 1}` }))];

/** What a person calls the service's reasons ("basis") for an answer. */
const BASIS = {
  "consent-given": "a parent said yes", "no-response": "no answer has been recorded", "declined": "a parent said no",
  "withdrawn": "the consent was withdrawn", "expired": "the consent has expired", "wording-superseded": "the wording changed since the parent answered",
  "no-opt-out": "no parent has opted out", "opted-out": "a parent opted out",
};

const DECISIONS = { Given: "answered yes", Declined: "answered no", Withdrawn: "withdrew consent" };
const CHOOSE = { relationship: "Choose who answered.", channel: "Choose how the answer came to school." };
const orNull = (v) => (v === "" || v === undefined ? null : v);

/**
 * Consent: record a parent's answer or withdrawal for a pupil, ask "may I publish?" (the answer and why), add a pupil to
 * the roster, and the coverage per type and year group (consent service) and AUP coverage (reporting's read model).
 * Pupils are named by the school's id only.
 * @param {HTMLElement} container
 */
export async function render(container) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const work = h("div");
  const consent = h("div");
  const aup = h("div");
  clear(container, h("h1", {}, "Consent and AUP coverage"), flash, work,
    h("section", { class: "panel", "aria-labelledby": "consent-h" }, h("h2", { id: "consent-h" }, "Consent by type and year group"), consent),
    h("section", { class: "panel", "aria-labelledby": "aup-h" }, h("h2", { id: "aup-h" }, "Acceptable use policies"), aup));

  const announce = (message) => { flash.textContent = message; flash.focus(); };
  const loadWork = () => withStates(work, "consent types", async () => {
    // GET /consent-types answers ConsentTypeView[] (services/consent/ConsentTypes; its OpenAPI entry names no type).
    const { data: types } = await /** @type {ReturnType<typeof getJson<ConsentTypeView[]>>} */ (getJson("/api/consent/consent-types"));
    const ctx = { flash, types, changed: async (message) => { await Promise.all([loadWork(), loadCoverage()]); announce(message); } };
    if (!types.length) return section("Set up consent", h("p", {}, "Your school has no consent types yet. Start with the trust's standard types (photographs in displays, newsletters, on the website and social media, trips, internet access and more); each keeps its own wording."),
      standardForm(ctx));
    return [
      section("May I publish?", askForm(types)),
      section("Record a parent's answer",
        disclosure("Record an answer (yes or no)", answerForm(ctx), { open: true }),
        disclosure("Record a withdrawal", withdrawalForm(ctx)),
        disclosure("Add a pupil to the consent roster", rosterForm(ctx))),
      typesSection(ctx),
    ];
  });
  const loadCoverage = () => withStates(consent, "consent coverage", async () => {
    const [{ data, fetchedAt }, names] = await Promise.all([getJson("/api/consent/coverage"),
      /** @type {ReturnType<typeof getJson<ConsentTypeView[]>>} */ (getJson("/api/consent/consent-types")).then((r) => new Map(r.data.map((t) => [t.code, t.name]))).catch(() => new Map())]);
    const MODES = { OptIn: "parents opt in", OptOut: "parents opt out" };
    if (!data.length) return [freshness("the consent service", fetchedAt), empty("No consent types are defined for your school yet: set them up above.")];
    return [freshness("the consent service", fetchedAt), h("p", { class: "note" }, `Coverage on ${fmt.date(data[0].on)}.`),
      data.map((t) => table(`${names.get(t.type) ?? fmt.label(t.type)} (${MODES[t.mode] ?? fmt.label(t.mode)})`, [
        { label: "Year group", value: (y) => `Year ${y.yearGroup}`, rowHeader: true },
        { label: "Pupils", value: (y) => fmt.number(y.pupils), numeric: true },
        { label: "Allowed", value: (y) => fmt.number(y.allowed), numeric: true },
        { label: "Not allowed", value: (y) => fmt.number(y.notAllowed), numeric: true },
        { label: "No response", value: (y) => fmt.number(y.noResponse), numeric: true },
        { label: "Allowed %", value: (y) => meter(y.allowedPercent), numeric: true },
      ], t.yearGroups, { emptyMessage: "No pupils on roll." }))];
  });

  await Promise.all([
    loadWork(),
    loadCoverage(),
    withStates(aup, "AUP coverage", async () => {
      const { data } = await /** @type {ReturnType<typeof getJson<import("../../../../../web/types/reporting").components["schemas"]["SchoolSummaryView"]>>} */ (
        getJson("/api/reporting/school/summary"));
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

const typeOptions = (/** @type {ConsentTypeView[]} */ types) => types.map((t) => ({ value: t.code, label: t.name }));
const typeName = (/** @type {ConsentTypeView[]} */ types, /** @type {string} */ code) => types.find((t) => t.code === code)?.name ?? fmt.label(code);

/** The pupil's school id: never a name (the service refuses spaces). */
const pupilField = (prefix) => field("Pupil's school id", input(`${prefix}-pupilId`), { name: "pupilId",
  hint: "The id from your school's system, e.g. P-1234. Never the pupil's name." });

/** @param {ConsentContext} ctx */
function standardForm(ctx) {
  const el = form("Set up the standard consent types", "Add the standard consent types");
  onSubmit(el, {
    busy: "Adding…",
    record: "consent type",
    starting: () => clear(ctx.flash),
    send: () => postJson("/api/consent/consent-types/standard", {}),
    done: (answer) => ctx.changed(`${answer.added.length} consent types added.`),
  });
  return el;
}

/** @param {ConsentContext} ctx */
function rosterForm(ctx) {
  const el = form("Add a pupil to the consent roster", "Add the pupil",
    h("div", { class: "row" },
      field("Pupil's school id", input("roster-pupilId"), { name: "pupils[0].pupilId", hint: "From your school's system, e.g. P-1234. Never a name." }),
      field("Class", input("roster-className"), { name: "pupils[0].className", hint: "For example: 3B or Oak." }),
      field("Year group", select("roster-yearGroup", YEAR_GROUPS, "", { placeholder: "Choose the year group" }), { name: "pupils[0].yearGroup" })));
  const value = (id) => /** @type {Control} */ (el.querySelector(`#${id}`)).value.trim();
  onSubmit(el, {
    busy: "Adding…",
    record: "pupil",
    words: { "pupils[0].yearGroup": "Choose the pupil's year group." },
    starting: () => clear(ctx.flash),
    // leavingDate left out: none yet.
    send: () => postJson("/api/consent/roster", /** @satisfies {{ pupils: Partial<ConsentApi["RosterEntry"]>[] }} */ ({ pupils: [{
      pupilId: orNull(value("roster-pupilId")), className: orNull(value("roster-className")),
      yearGroup: value("roster-yearGroup") === "" ? null : Number(value("roster-yearGroup")) }] })),
    done: (r) => ctx.changed(r.enrolled ? `${value("roster-pupilId")} is on the consent roster.` : `${value("roster-pupilId")} was already on the roster; class and year group are up to date.`),
  });
  return el;
}

/** Who answered and how: the same three fields for an answer and a withdrawal. */
function respondentFields(prefix) {
  return h("div", { class: "row" },
    field("Parent's school id", input(`${prefix}-respondentId`), { name: "respondentId", hint: "The parent or carer's id in your school's system, not their name." }),
    field("Who answered", select(`${prefix}-relationship`, RELATIONSHIPS, "", { placeholder: "Choose" }), { name: "relationship" }),
    field("How the answer came", select(`${prefix}-channel`, CHANNELS, "", { placeholder: "Choose" }), { name: "channel" }));
}

/** @param {HTMLFormElement} el @param {string} prefix */
function respondent(el, prefix) {
  const v = (id) => orNull(/** @type {Control} */ (el.querySelector(`#${prefix}-${id}`)).value.trim());
  return /** @satisfies {ConsentApi["RecordWithdrawal"]} */ ({ respondentId: v("respondentId"), relationship: v("relationship"), channel: v("channel") });
}

/**
 * Sends a request about one pupil and one consent type. The service checks the body first, then answers 404 for an
 * unknown pupil or type: both become messages beside the field, merged with the body's, in a person's words.
 */
async function aboutPupil(pupilId, type, send) {
  const local = {};
  if (!pupilId) local.pupilId = ["Give the pupil's school id."];
  if (!type) local.type = ["Choose the consent."];
  const problem = (errors, title = "Some answers are missing or not right") => new ApiError(400, { title, errors });
  try {
    const result = await send(pupilId || "-", type || "-");
    if (Object.keys(local).length) throw problem(local);
    return result;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 400) throw problem({ ...(error.problem?.errors ?? {}), ...local }, error.problem?.title);
    if (error.status === 404 && Object.keys(local).length) throw problem(local);
    if (error.status === 404 && /^pupil/i.test(error.problem?.title ?? ""))
      throw problem({ pupilId: [`${pupilId} is not on your school's consent roster. Check the id, or add the pupil to the roster first.`] });
    if (error.status === 404 && /^consent type/i.test(error.problem?.title ?? "")) throw problem({ type: ["Choose a consent from the list."] });
    throw error;
  }
}

const consentPath = (pupilId, type) => `/api/consent/pupils/${encodeURIComponent(pupilId)}/consents/${encodeURIComponent(type)}`;

/**
 * Records an answer or a withdrawal at the version the pupil's consent has now (the service requires If-Match). When the
 * read fails (an unknown pupil), "0" is sent and the service's own answer (the body's fields, then 404) is shown.
 */
async function recordAt(pupilId, type, what, body) {
  const version = await getJson(`/api/consent/pupils/${encodeURIComponent(pupilId)}/consents`)
    .then(({ data }) => data.find((c) => c.type === type)?.version ?? 0, () => 0);
  return postJson(`${consentPath(pupilId, type)}/${what}`, body, { "If-Match": `"${version}"` });
}

/** @param {ConsentContext} ctx */
function answerForm(ctx) {
  const type = select("answer-type", typeOptions(ctx.types), "", { placeholder: "Choose the consent" });
  const given = radios("answer-given", "The parent's answer", "given",
    [{ value: "true", label: "Yes, they consent" }, { value: "false", label: "No, they do not consent" }], "");
  const on = input("answer-respondedOn", { type: "date", value: today(), max: today() });
  const el = form("Record a parent's answer", "Record the answer",
    h("div", { class: "row" }, pupilField("answer"), field("Consent", type, { name: "type" })),
    given, respondentFields("answer"),
    field("Date of the answer", on, { name: "respondedOn", hint: "When the parent answered; today or earlier." }));
  const pupil = () => /** @type {Control} */ (el.querySelector("#answer-pupilId")).value.trim();
  onSubmit(el, {
    busy: "Recording…",
    record: "consent",
    words: { ...CHOOSE, given: "Choose whether the parent said yes or no." },
    starting: () => clear(ctx.flash),
    send: () => aboutPupil(pupil(), type.value, (p, t) => {
      const chosen = checkedValue(el, "answer-given");
      // wordingVersion left out: the answer is to the current wording.
      return recordAt(p, t, "responses", /** @satisfies {Partial<ConsentApi["RecordResponse"]>} */ ({
        given: chosen === "" ? null : chosen === "true", ...respondent(el, "answer"), respondedOn: orNull(on.value),
      }));
    }),
    done: (view) => ctx.changed(`Recorded for ${view.pupilId}: ${typeName(ctx.types, view.type)} is ${view.allowedToday ? "allowed" : "not allowed"} today (${BASIS[view.today.basis] ?? view.today.basis}).`),
  });
  return el;
}

/** @param {ConsentContext} ctx */
function withdrawalForm(ctx) {
  const type = select("withdraw-type", typeOptions(ctx.types), "", { placeholder: "Choose the consent" });
  const el = form("Record a withdrawal", "Record the withdrawal",
    h("p", { class: "hint" }, "A withdrawal takes effect today: from now on the answer to \u201cmay I publish?\u201d is no."),
    h("div", { class: "row" }, pupilField("withdraw"), field("Consent", type, { name: "type" })),
    respondentFields("withdraw"));
  const pupil = () => /** @type {Control} */ (el.querySelector("#withdraw-pupilId")).value.trim();
  onSubmit(el, {
    busy: "Recording…",
    record: "consent",
    words: CHOOSE,
    starting: () => clear(ctx.flash),
    send: () => aboutPupil(pupil(), type.value, (p, t) => recordAt(p, t, "withdrawal", respondent(el, "withdraw"))),
    done: (view) => ctx.changed(`Withdrawal recorded for ${view.pupilId}: ${typeName(ctx.types, view.type)} is not allowed from today.`),
  });
  return el;
}

/**
 * "May I use this pupil's image this way on this day?" The answer, the reason, and the parent's answer it rests on.
 * @param {ConsentTypeView[]} types
 */
function askForm(types) {
  const type = select("ask-type", typeOptions(types), types.find((t) => t.code === "website") ? "website" : "", { placeholder: "Choose how it will be used" });
  const on = input("ask-on", { type: "date", value: today() });
  const answer = h("div", { class: "answer-slot", "aria-live": "polite" });
  const el = form("May I publish?", "Ask",
    h("div", { class: "row" }, pupilField("ask"), field("Use", type, { name: "type" }), field("On", on, { name: "on" })));
  el.append(answer);
  onSubmit(el, {
    busy: "Checking…",
    record: "consent",
    words: { type: "Choose how the image will be used." },
    starting: () => clear(answer),
    send: () => aboutPupil(/** @type {Control} */ (el.querySelector("#ask-pupilId")).value.trim(), type.value, async (p, t) => {
      const q = new URLSearchParams({ type: t });
      if (on.value) q.set("on", on.value);
      return (await getJson(`/api/consent/pupils/${encodeURIComponent(p)}/may-publish?${q}`)).data;
    }),
    done: (a) => {
      const e = a.evidence;
      clear(answer, h("div", { class: `answer ${a.mayPublish ? "yes" : "no"}` },
        h("p", {}, h("strong", {}, a.mayPublish ? `Yes: ${a.pupilId} may appear (${typeName(types, a.type)}) on ${fmt.date(a.on)}.`
          : `No: do not use ${a.pupilId}'s image (${typeName(types, a.type)}) on ${fmt.date(a.on)}.`)),
        h("p", {}, `Why: ${BASIS[a.basis] ?? a.basis}. ${a.explanation}`),
        e ? h("p", {}, `Resting on: ${fmt.label(e.relationship)} (${e.respondentId}) ${DECISIONS[e.decision] ?? `answered ${fmt.label(String(e.decision).toLowerCase())}`} by ${fmt.label(e.channel)}, effective ${fmt.date(e.effectiveOn)}${e.validUntil ? `, valid until ${fmt.date(e.validUntil)}` : ""}, wording version ${e.wordingVersion}.`) : null,
        a.nameUse ? h("p", {}, a.nameUse === "first-name-only" ? "Caption: the first name only, never the full name." : "Caption: no name.") : null));
    },
  });
  return el;
}

function meter(percent) {
  return h("span", { class: "meter-cell" }, h("meter", { min: 0, max: 100, value: percent, "aria-hidden": "true" }), ` ${fmt.number(percent, 1)}%`);
}

// Issue 16: the school's consent types and their wording versions. A new wording is a new version; when it asks for fresh
// consent, earlier answers no longer count ("the wording changed since the parent answered").
const MODE_WORDS = { OptIn: "Parents opt in (nothing is allowed until they say yes)", OptOut: "Parents opt out (allowed unless they say no)" };
const RENEWAL_WORDS = { AcademicYear: "Asked again each academic year", UntilWithdrawn: "Lasts until withdrawn" };
const renewalWords = (r) => `${RENEWAL_WORDS[r.kind] ?? fmt.label(r.kind)}${r.endMonth ? ` (ends ${r.endDay} ${new Date(2001, r.endMonth - 1, 1).toLocaleString("en-GB", { month: "long" })})` : ""}`;
const slug = (text) => text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);

/** @param {ConsentContext} ctx */
function typesSection(ctx) {
  const types = ctx.types;
  return section("Consent types and their wording",
    table("Consent types", [
      { label: "Consent type", value: (t) => t.name, rowHeader: true },
      { label: "How it works", value: (t) => [MODE_WORDS[t.mode] ?? fmt.label(t.mode), renewalWords(t.renewal)].join("; ") },
      { label: "Current wording", value: (t) => { const w = t.wordings.find((x) => x.version === t.currentWordingVersion);
        return h("span", {}, h("strong", {}, `Version ${t.currentWordingVersion}`), w ? ` (from ${fmt.date(w.publishedOn)}): ${w.text}` : ""); } },
      { label: "Earlier versions", value: (t) => fmt.number(t.wordings.length - 1), numeric: true },
    ], types, { className: "consent-types" }),
    disclosure("Publish new wording", wordingForm(ctx)),
    disclosure("Change how a consent type works", settingsForm(ctx)),
    disclosure("Add a consent type", defineForm(ctx)));
}

/** @param {ConsentContext} ctx */
function defineForm(ctx) {
  const name = input("type-name");
  const code = input("type-code");
  name.addEventListener("input", () => { if (!code.dataset.touched) code.value = slug(name.value); });
  code.addEventListener("input", () => { code.dataset.touched = "true"; });
  const el = form("Add a consent type", "Add the consent type",
    field("Name", name, { name: "name", hint: "What parents are asked about, e.g. Video of the school play." }),
    field("Short code", code, { name: "code", hint: "Lower-case words joined by hyphens, made from the name; it never changes." }),
    radios("type-mode", "How parents answer", "mode", [{ value: "OptIn", label: MODE_WORDS.OptIn }, { value: "OptOut", label: MODE_WORDS.OptOut }], "OptIn"),
    radios("type-renewal", "How long an answer lasts", "renewal", [{ value: "AcademicYear", label: RENEWAL_WORDS.AcademicYear }, { value: "UntilWithdrawn", label: RENEWAL_WORDS.UntilWithdrawn }], "AcademicYear"),
    h("div", { class: "checkbox" }, h("input", { type: "checkbox", id: "type-photographic" }), h("label", { for: "type-photographic" }, "It is about photographs or video of the pupil")),
    h("div", { class: "checkbox" }, h("input", { type: "checkbox", id: "type-online" }), h("label", { for: "type-online" }, "It is about publishing online")),
    field("Wording", textarea("type-wording", "", { rows: 4 }), { name: "wording", hint: "The words parents agree to, exactly as they will read them." }));
  onSubmit(el, {
    busy: "Adding…", record: "consent type", starting: () => clear(ctx.flash),
    words: { code: "Give a short code of lower-case words joined by hyphens (2 to 40 characters), e.g. school-play-video." },
    // 201 with the new type's ConsentTypeView (its OpenAPI entry names no type).
    send: () => /** @type {Promise<ConsentTypeView>} */ (postJson("/api/consent/consent-types", /** @satisfies {ConsentApi["DefineConsentType"]} */ ({
      code: orNull(code.value.trim()), name: orNull(name.value.trim()),
      // The radios' values are the service's ConsentMode and RenewalKind names.
      mode: /** @type {ConsentApi["ConsentMode"]} */ (checkedValue(el, "type-mode") || "OptIn"),
      renewal: { kind: /** @type {ConsentApi["RenewalKind"]} */ (checkedValue(el, "type-renewal") || "AcademicYear") },
      photographic: /** @type {HTMLInputElement} */ (el.querySelector("#type-photographic")).checked, online: /** @type {HTMLInputElement} */ (el.querySelector("#type-online")).checked,
      wording: orNull(/** @type {Control} */ (el.querySelector("#type-wording")).value.trim()),
    }))),
    done: (t) => ctx.changed(`${t.name} is a consent type, with its wording as version 1.`),
  });
  return el;
}

/** @param {ConsentContext} ctx */
function wordingForm(ctx) {
  const type = select("wording-type", typeOptions(ctx.types), "", { placeholder: "Choose the consent type" });
  const text = textarea("wording-text", "", { rows: 4 });
  type.addEventListener("change", () => {
    const t = ctx.types.find((x) => x.code === type.value);
    text.value = t?.wordings.find((w) => w.version === t.currentWordingVersion)?.text ?? "";
  });
  const el = form("Publish new wording", "Publish the wording",
    field("Consent type", type, { name: "type" }),
    field("New wording", text, { name: "text", hint: "Starts from the current wording: change what needs changing." }),
    h("div", { class: "checkbox" }, h("input", { type: "checkbox", id: "wording-fresh", checked: true }),
      h("label", { for: "wording-fresh" }, "Parents must answer again (earlier answers were to different words)")));
  onSubmit(el, {
    busy: "Publishing…", record: "consent type", starting: () => clear(ctx.flash), reload: () => ctx.changed("Reloaded: publish the wording again."),
    send: () => {
      const t = ctx.types.find((x) => x.code === type.value);
      if (!t) throw new ApiError(400, { title: "Choose the consent type", errors: { type: ["Choose the consent type whose wording changes."] } });
      return /** @type {Promise<ConsentTypeView>} */ (postJson(`/api/consent/consent-types/${encodeURIComponent(t.code)}/wordings`,
        /** @satisfies {ConsentApi["PublishWording"]} */ ({ text: orNull(text.value.trim()), requiresFreshConsent: /** @type {HTMLInputElement} */ (el.querySelector("#wording-fresh")).checked }),
        { "If-Match": `"${t.version}"` }));
    },
    done: (t) => ctx.changed(t.currentWordingVersion > ctx.types.find((x) => x.code === t.code).currentWordingVersion
      ? `${t.name}: wording version ${t.currentWordingVersion} published.` : `${t.name}: the wording is unchanged, so no new version was published.`),
  });
  return el;
}

/** @param {ConsentContext} ctx */
function settingsForm(ctx) {
  const type = select("settings-type", typeOptions(ctx.types), "", { placeholder: "Choose the consent type" });
  const el = form("Change how a consent type works", "Save the change",
    field("Consent type", type, { name: "type" }),
    radios("settings-mode", "How parents answer", "mode", [{ value: "OptIn", label: MODE_WORDS.OptIn }, { value: "OptOut", label: MODE_WORDS.OptOut }], ""),
    radios("settings-renewal", "How long an answer lasts", "renewal", [{ value: "AcademicYear", label: RENEWAL_WORDS.AcademicYear }, { value: "UntilWithdrawn", label: RENEWAL_WORDS.UntilWithdrawn }], ""));
  type.addEventListener("change", () => {
    const t = ctx.types.find((x) => x.code === type.value);
    for (const [group, value] of [["settings-mode", t?.mode], ["settings-renewal", t?.renewal.kind]])
      for (const r of /** @type {NodeListOf<HTMLInputElement>} */ (el.querySelectorAll(`input[name="${group}"]`))) r.checked = r.value === value;
  });
  onSubmit(el, {
    busy: "Saving…", record: "consent type", starting: () => clear(ctx.flash), reload: () => ctx.changed("Reloaded: make the change again."),
    words: { mode: "Choose how parents answer.", renewal: "Choose how long an answer lasts." },
    send: () => {
      const t = ctx.types.find((x) => x.code === type.value);
      if (!t) throw new ApiError(400, { title: "Choose the consent type", errors: { type: ["Choose the consent type to change."] } });
      // The radios' values are the service's ConsentMode and RenewalKind names.
      const mode = /** @type {ConsentApi["ConsentMode"] | ""} */ (checkedValue(el, "settings-mode"));
      const kind = /** @type {ConsentApi["RenewalKind"] | ""} */ (checkedValue(el, "settings-renewal"));
      return /** @type {Promise<ConsentTypeView>} */ (putJson(`/api/consent/consent-types/${encodeURIComponent(t.code)}/settings`,
        /** @satisfies {ConsentApi["ChangeConsentSettings"]} */ ({ mode: orNull(mode), renewal: !kind ? null : kind === t.renewal.kind ? t.renewal : { kind } }),
        { "If-Match": `"${t.version}"` }));
    },
    done: (t) => ctx.changed(`${t.name}: ${MODE_WORDS[t.mode].split(" (")[0].toLowerCase()}; ${renewalWords(t.renewal).toLowerCase()}.`),
  });
  return el;
}
