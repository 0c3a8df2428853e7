// @ts-check
// Issue 18, point 1 in the dashboard: the trust administrator (the trust-wide IT admin) decides who may sign in. Staff sign
// in with the trust's Microsoft or Google account; identity maps that sign-in, by e-mail address, to the staff account
// kept here with its school and roles. Invite, change (If-Match), remove access, import a spreadsheet; every change audited.
import { getJson, postJson, putJson, postText, ApiError } from "../api.js";
import { h, clear, fmt, table, section, withStates, badge } from "../ui.js";
import { field, input, textarea, select, disclosure, form, onSubmit } from "../forms.js";

/** @typedef {import("../forms.js").Control} Control */

// identity's staff accounts are not among the OpenAPI documents in web/openapi, so their answers are not typed here.
const ROLES = [
  { value: "dsl", label: "DSL" }, { value: "deputy-dsl", label: "Deputy DSL" }, { value: "headteacher", label: "Headteacher" },
  { value: "staff", label: "Staff" }, { value: "governor", label: "Governor" }, { value: "it-admin", label: "IT admin" },
  { value: "trust-lead", label: "Trust safeguarding lead (trust-wide)" },
];
const roleWords = (roles) => roles.map((r) => ROLES.find((x) => x.value === r)?.label ?? fmt.label(r)).join(", ");
const PROVIDERS = { entra: "Microsoft", microsoft: "Microsoft", google: "Google" };
const ACTIONS = { invited: "Invited", changed: "Changed", removed: "Access removed", refused: "Sign-in refused" };
const orNull = (v) => (v === "" || v === undefined ? null : v);

// The service names roles by code ("dsl, staff work within one school"); the form shows the checkboxes' words.
const ROLE_CODE = new RegExp(`(?<![\\w-])(${ROLES.map((r) => r.value).sort((a, b) => b.length - a.length).join("|")})(?![\\w-])`, "g");
const rolesInWords = (text) => text.replace(ROLE_CODE, (code) => ROLES.find((r) => r.value === code).label);
const WORDS = { roles: "Choose at least one role." };
/** The service's messages with role codes in words, and an empty address asked for rather than quoted back. */
function inOurWords(error, email) {
  if (!(error instanceof ApiError) || !error.problem?.errors) return error;
  const errors = Object.fromEntries(Object.entries(error.problem.errors).map(([k, v]) => [k,
    k === "email" && !email ? ["Enter the e-mail address they sign in with."] : [].concat(v).map(rolesInWords)]));
  return new ApiError(error.status, { ...error.problem, errors });
}
const etag = (a) => `"${a.version}"`;

/** Role checkboxes in a fieldset named "roles" (the service's field), so its message lands beside them. */
function roleBoxes(id, chosen = []) {
  const set = h("fieldset", { class: "field-group", id, "aria-describedby": `${id}-hint ${id}-error` },
    h("legend", {}, "Roles"),
    h("p", { class: "hint", id: `${id}-hint` }, "What they do in TrustSafety. School roles need a school; the trust safeguarding lead is trust-wide."),
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
    h("div", { class: "checkboxes" }, ROLES.map((r) => h("div", { class: "checkbox" },
      h("input", { type: "checkbox", id: `${id}-${r.value}`, name: id, value: r.value, checked: chosen.includes(r.value) }),
      h("label", { for: `${id}-${r.value}` }, r.label)))));
  set.dataset.field = "roles";
  set.dataset.ask = "Choose at least one role";
  return set;
}
const rolesOf = (el, id) => [.../** @type {NodeListOf<HTMLInputElement>} */ (el.querySelectorAll(`input[name="${id}"]:checked`))].map((i) => i.value);

const schoolField = (id, value = "") => field("School", input(id, { inputmode: "numeric", value: value ?? "" }), { name: "school", optional: true,
  hint: "The school's six-digit DfE URN. Leave it empty for a trust-wide role (trust safeguarding lead, trust IT admin)." });

/**
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { me }) {
  if (me.school) {
    clear(container, h("h1", {}, "Staff accounts"), h("p", { class: "state error", role: "alert" }, "Staff accounts are kept by the trust's IT administrator, who signs in with a trust-wide account."));
    return;
  }
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const body = h("div");
  const audit = h("div");
  clear(container, h("h1", {}, "Staff accounts"),
    h("p", { class: "lead" }, "Who may sign in, at which school and with which roles. Staff sign in with the trust's Microsoft or Google account; the e-mail address they sign in with is matched to the account kept here."),
    flash, body, audit);
  const ctx = {
    flash,
    changed: async (message) => { await load(); clear(flash, message); flash.focus(); },
  };
  const load = async () => {
    await withStates(body, "staff accounts", async () => {
      const { data: accounts } = await getJson("/api/identity/staff-accounts");
      return [
        section("Staff accounts", table(`Staff accounts (${accounts.length})`, [
          { label: "Name", value: (a) => a.name, rowHeader: true },
          { label: "E-mail they sign in with", value: (a) => a.email },
          { label: "School", value: (a) => a.school ?? "Trust-wide" },
          { label: "Roles", value: (a) => roleWords(a.roles) },
          { label: "Signed in", value: (a) => (a.linkedProvider ? badge(`Yes, with ${PROVIDERS[a.linkedProvider] ?? a.linkedProvider}`, "good") : badge("Not yet", "neutral")) },
          { label: "Invited", value: (a) => `${fmt.date(a.invitedAt)} by ${a.invitedBy.replace(/\s*\([^)]*\)$/, "")}` },
        ], accounts, { emptyMessage: "Nobody has been invited yet: invite the first member of staff below, or import a spreadsheet.", className: "staff-accounts" })),
        section("Give or change access",
          disclosure("Invite a member of staff", inviteForm(ctx), { open: !accounts.length }),
          accounts.length ? disclosure("Change someone's school or roles", changeForm(accounts, ctx)) : null,
          accounts.length ? disclosure("Remove someone's access", removeForm(accounts, ctx)) : null,
          disclosure("Import a spreadsheet of staff", importForm(ctx))),
      ];
    });
    await withStates(audit, "the access audit", async () => {
      const { data } = await getJson("/api/identity/staff-accounts/audit");
      return section("Access audit", table("Who gave, changed or removed access, and refused sign-ins (newest first)", [
        { label: "When", value: (e) => fmt.dateTime(e.at), rowHeader: true },
        { label: "What", value: (e) => ACTIONS[e.action] ?? fmt.label(e.action) },
        { label: "Whose", value: (e) => e.email },
        { label: "By", value: (e) => e.actorName || "—" },
        { label: "Detail", value: (e) => e.detail },
      ], data, { emptyMessage: "No access has been given or changed yet.", className: "staff-audit" }));
    });
  };
  await load();
}

function inviteForm(ctx) {
  const el = form("Invite a member of staff", "Invite them",
    field("E-mail they sign in with", input("invite-email", { type: "email" }), { name: "email", hint: "Their trust Microsoft or Google address, e.g. j.smith@example-trust.org.uk." }),
    field("Name", input("invite-name"), { name: "name", hint: "As colleagues know them." }),
    schoolField("invite-school"),
    roleBoxes("invite-roles"));
  const v = (id) => orNull(/** @type {Control} */ (el.querySelector(`#${id}`)).value.trim());
  onSubmit(el, {
    busy: "Inviting…", record: "staff account", starting: () => clear(ctx.flash),
    words: WORDS,
    send: () => postJson("/api/identity/staff-accounts", { email: v("invite-email"), name: v("invite-name"), school: v("invite-school"), roles: rolesOf(el, "invite-roles") })
      .catch((error) => { throw inOurWords(error, v("invite-email")); }),
    done: (a) => ctx.changed(`${a.name} is invited: they can sign in with ${a.email} as ${roleWords(a.roles)}${a.school ? ` at school ${a.school}` : ", trust-wide"}.`),
  });
  return el;
}

const accountChoice = (id, accounts) => select(id, accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` })), "", { placeholder: "Choose the person" });

function changeForm(accounts, ctx) {
  const who = accountChoice("change-account", accounts);
  const details = h("div");
  const el = form("Change someone's school or roles", "Save the change", field("Person", who, { name: "account" }), details);
  const account = () => accounts.find((a) => a.id === who.value);
  who.addEventListener("change", () => {
    const a = account();
    clear(details, a ? [field("Name", input("change-name", { value: a.name }), { name: "name" }), schoolField("change-school", a.school), roleBoxes("change-roles", a.roles)] : null);
  });
  const v = (id) => orNull(/** @type {Control | null} */ (el.querySelector(`#${id}`))?.value.trim());
  onSubmit(el, {
    busy: "Saving…", record: "staff account", words: WORDS, starting: () => clear(ctx.flash), reload: () => ctx.changed("Reloaded: make your change again."),
    send: () => {
      const a = account();
      if (!a) throw new ApiError(400, { title: "Choose the person", errors: { account: ["Choose the person whose access changes."] } });
      return putJson(`/api/identity/staff-accounts/${a.id}`, { name: v("change-name"), school: v("change-school"), roles: rolesOf(el, "change-roles") }, { "If-Match": etag(a) })
        .catch((error) => { throw inOurWords(error, a.email); });
    },
    done: (a) => ctx.changed(`${a.name} now has ${roleWords(a.roles)}${a.school ? ` at school ${a.school}` : ", trust-wide"}.`),
  });
  return el;
}

function removeForm(accounts, ctx) {
  const who = accountChoice("remove-account", accounts);
  const el = form("Remove someone's access", "Remove their access",
    field("Person", who, { name: "account" }),
    field("Reason", textarea("remove-reason", "", { rows: 2 }), { name: "reason", optional: true, hint: "For example: left the trust on 31 August." }),
    h("p", { class: "hint" }, "They can no longer sign in, and their sessions end within minutes. Their account stays in the audit."));
  onSubmit(el, {
    busy: "Removing…", record: "staff account", starting: () => clear(ctx.flash), reload: () => ctx.changed("Reloaded: choose the person again."),
    send: () => {
      const a = accounts.find((x) => x.id === who.value);
      if (!a) throw new ApiError(400, { title: "Choose the person", errors: { account: ["Choose the person whose access ends."] } });
      return postJson(`/api/identity/staff-accounts/${a.id}/removal`, { reason: orNull(/** @type {Control} */ (el.querySelector("#remove-reason")).value.trim()) }, { "If-Match": etag(a) });
    },
    done: (a) => ctx.changed(`${a.name} can no longer sign in.`),
  });
  return el;
}

/** "row 3.email" → "Row 3: …" (the file's rows, as a spreadsheet numbers them); "file" stays with the file. */
function rowWords(error) {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.problem?.errors) return error;
  const messages = Object.entries(error.problem.errors).flatMap(([key, list]) => {
    const row = key.match(/^row (\d+)(?:\.(\w+))?$/i);
    return [].concat(list).map((m) => (row ? `Row ${row[1]}: ${rolesInWords(m)}` : rolesInWords(m)));
  });
  return new ApiError(400, { ...error.problem, errors: { file: messages } });
}

function importForm(ctx) {
  const file = h("input", { id: "staff-file", name: "staff-file", type: "file", accept: ".csv,text/csv" });
  const el = form("Import a spreadsheet of staff", "Import the file",
    field("Spreadsheet (CSV)", file, { name: "file",
      hint: "Columns email,name,school,roles with a header row; several roles separated by ';', school empty for trust-wide roles. Nothing is stored unless every row is right." }));
  onSubmit(el, {
    busy: "Importing…", record: "staff accounts", starting: () => clear(ctx.flash),
    send: async () => {
      if (!file.files[0]) throw new ApiError(400, { title: "Choose the file", errors: { file: ["Choose the CSV file to import."] } });
      try { return await postText("/api/identity/staff-accounts/import", await file.files[0].text()); } catch (error) { throw rowWords(error); }
    },
    done: (r) => ctx.changed(`Imported: ${r.invited} invited, ${r.changed} changed, ${r.unchanged} already as in the file.`),
  });
  return el;
}
