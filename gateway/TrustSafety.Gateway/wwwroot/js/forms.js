// @ts-check
// Forms that write through the platform APIs. The services validate; a 400 validation problem names each bad field
// (e.g. "rationale", "people[0].pupilId"), and a control carries that name in data-field so the message lands next to it.
// The person reads the form's own words, never the field path: "Person 1: choose who was involved", not
// "people[0].role is required" (see inWords).
import { h, clear } from "./ui.js";
import { ApiError } from "./api.js";

/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control A form control with a value. */
/** @typedef {import("./lists.js").Option} Option */

/** A UUID for an Idempotency-Key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function uuid() {
  if (window.isSecureContext && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, "0")).join("");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Today in the user's time zone as yyyy-mm-dd (what a date input holds). */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * A labelled control with an optional hint and a slot for the server's message about it. `ask` is what to say when it is
 * missing ("Choose who was involved"); without it the label makes the words ("Enter what happened").
 */
/**
 * @param {string} label
 * @param {HTMLElement} control
 * @param {{ name?: string, hint?: string, optional?: boolean, hidden?: boolean, ask?: string }} [options]
 */
export function field(label, control, { name, hint, optional = false, hidden = false, ask } = {}) {
  const id = control.id;
  if (name) control.dataset.field = name;
  if (ask) control.dataset.ask = ask;
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  control.setAttribute("aria-describedby", described);
  return h("div", { class: "field", hidden },
    h("label", { for: id }, label, optional ? h("span", { class: "optional" }, " (optional)") : null),
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
    control);
}

export const input = (id, attrs = {}) => h("input", { id, name: id, type: "text", autocomplete: "off", ...attrs });

export const textarea = (id, value = "", attrs = {}) => h("textarea", { id, name: id, rows: 3, ...attrs }, value ?? "");

/**
 * A select of {value,label} options; placeholder adds an empty first choice.
 * @param {string} id
 * @param {Option[]} options
 * @param {unknown} [value]
 * @param {{ placeholder?: string }} [settings]
 */
export function select(id, options, value, { placeholder } = {}) {
  return h("select", { id, name: id },
    placeholder === undefined ? null : h("option", { value: "" }, placeholder),
    options.map((o) => h("option", { value: o.value, selected: String(o.value) === String(value ?? "") }, o.label)));
}

/**
 * Radio buttons in a fieldset whose legend names the question; data-field on the fieldset takes the message.
 * @param {string} id
 * @param {string} legend
 * @param {string | null} name
 * @param {Option[]} options
 * @param {unknown} [value]
 * @param {{ hint?: string, onchange?: (event: Event) => void, ask?: string }} [settings]
 */
export function radios(id, legend, name, options, value, { hint, onchange, ask } = {}) {
  const set = h("fieldset", { class: "field-group", id, "aria-describedby": [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ") },
    h("legend", {}, legend),
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
    h("div", { class: "radios" }, options.map((o) => h("div", { class: "radio" },
      h("input", { type: "radio", id: `${id}-${o.value}`, name: id, value: o.value, checked: String(o.value) === String(value ?? ""), onchange }),
      h("label", { for: `${id}-${o.value}` }, o.label)))));
  if (name) set.dataset.field = name;
  if (ask) set.dataset.ask = ask;
  set.dataset.radios = "true";
  return set;
}

/** The value of the radio button chosen in group `name`, or "" when none is. */
export const checkedValue = (/** @type {ParentNode} */ root, /** @type {string} */ name) =>
  /** @type {HTMLInputElement | null} */ (root.querySelector(`input[name="${name}"]:checked`))?.value ?? "";

/** A collapsible part of a page (keyboard-usable natively); the form inside is named by the summary. */
export function disclosure(summary, content, { open = false } = {}) {
  return h("details", { class: "disclosure", open }, h("summary", {}, summary), content);
}

/** The form shell: an announced error summary first, the fields, the submit button and a polite status line. */
export function form(name, submitLabel, ...fields) {
  return h("form", { class: "edit-form", novalidate: true, "aria-label": name },
    h("div", { class: "error-summary", role: "alert", tabindex: "-1" }),
    fields,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, submitLabel)),
    h("p", { class: "form-status", role: "status" }));
}

/**
 * Sends the form through `send` (one request at a time) and hands the answer to `done`. On failure: each field's
 * message next to its field (aria-invalid, focus on the first), the stale-edit message on 412 with a reload, or the problem.
 * `words` (field → message) replaces a service's message for a field the person answers by choosing from a list
 * (the service names the codes it accepts; the person sees the list's words, not its codes).
 */
/**
 * @template R What `send` answers, handed to `done`.
 * @param {HTMLFormElement} formEl
 * @param {{ send: () => Promise<R>, done: (result: R) => unknown, reload?: () => unknown, busy?: string, starting?: () => unknown,
 *   record?: string, words?: Record<string, string> }} options
 */
export function onSubmit(formEl, { send, done, reload, busy = "Saving…", starting, record = "incident", words }) {
  let sending = false;
  formEl.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    clearErrors(formEl);
    starting?.();
    const button = formEl.querySelector('button[type="submit"]');
    const status = formEl.querySelector(".form-status");
    button.setAttribute("aria-disabled", "true");
    status.textContent = busy;
    try {
      const result = await send();
      status.textContent = "";
      await done(result);
    } catch (error) {
      status.textContent = "";
      showProblem(formEl, reworded(error, words), reload, record);
    } finally {
      sending = false;
      button.removeAttribute("aria-disabled");
    }
  });
}

function reworded(error, words) {
  if (!words || !(error instanceof ApiError) || !error.problem?.errors) return error;
  const wanted = Object.fromEntries(Object.entries(words).map(([k, v]) => [k.toLowerCase(), v]));
  const errors = Object.fromEntries(Object.entries(error.problem.errors).map(([k, v]) => [k, wanted[k.toLowerCase()] ?? v]));
  return new ApiError(error.status, { ...error.problem, errors });
}

export function clearErrors(formEl) {
  for (const el of formEl.querySelectorAll(".field-error")) { el.hidden = true; el.textContent = ""; }
  for (const el of formEl.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  clear(formEl.querySelector(".error-summary"));
}

export function showProblem(formEl, error, reload, record = "incident") {
  const summary = formEl.querySelector(".error-summary");
  if (!(error instanceof ApiError)) {
    clear(summary, h("h3", {}, "Something went wrong"), h("p", {}, error?.message ?? String(error)));
    summary.focus();
    return;
  }
  if (error.status === 412) {
    clear(summary, h("h3", {}, `This ${record} changed since you read it`),
      h("p", {}, "Someone else saved a change after you opened this page, so yours was not saved. Reload to see their change, then make yours again."),
      reload ? h("button", { type: "button", class: "button secondary", onclick: reload }, `Reload the ${record}`) : null);
    summary.focus();
    return;
  }
  const errors = Object.entries(error.fieldErrors ?? {});
  if (error.status === 400 && errors.length) {
    const items = [];
    for (const [key, messages] of errors) {
      const control = find(formEl, key);
      const words = [].concat(messages).map((m) => (control ? inWords(key, m, control) : m));
      const target = place(control, words);
      for (const message of words) items.push({ message, target });
    }
    // In the order the fields appear, like the messages beside them; anything not placed goes last.
    items.sort((a, b) => !a.target ? 1 : !b.target ? -1 : a.target === b.target ? 0
      : a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    clear(summary, h("h3", {}, "There is a problem"), error.problem?.title ? h("p", {}, `${error.problem.title}. Nothing was saved.`) : null,
      h("ul", {}, items.map(({ message, target }) => h("li", {}, target
        ? h("a", { href: `#${target.id}`, onclick: (e) => { e.preventDefault(); focusable(target).focus(); } }, message)
        : message))));
    const first = formEl.querySelector('[aria-invalid="true"]');
    (first ? focusable(first) : summary).focus();
    return;
  }
  clear(summary, h("h3", {}, error.message),
    error.problem?.detail ? h("p", {}, error.problem.detail) : null,
    error.status === 0 ? h("p", {}, "Nothing is lost: send it again when you are connected.") : null,
    error.status === 403 ? h("p", {}, "Your role cannot make this change.") : null);
  summary.focus();
}

/** The control named by `key`, or its nearest named group ("people[0].role" → "people[0]" → "people"). */
function find(formEl, key) {
  const named = [...formEl.querySelectorAll("[data-field]")].filter((el) => !el.closest("[hidden]"));
  let wanted = key.replace(/^\$\.?/, "").toLowerCase();
  while (wanted) {
    const el = named.find((n) => n.dataset.field.toLowerCase() === wanted);
    if (el) return el;
    const cut = Math.max(wanted.lastIndexOf("."), wanted.lastIndexOf("["));
    wanted = cut > 0 ? wanted.slice(0, cut) : "";
  }
  return null;
}

/** Puts messages next to the control (or group) found for them. */
function place(el, messages) {
  if (!el) return null;
  const slot = el.matches("fieldset") ? el.querySelector(":scope > .field-error") : el.closest(".field")?.querySelector(".field-error");
  if (slot) {
    slot.textContent = [slot.textContent, ...messages].filter(Boolean).join(" ");
    slot.hidden = false;
  }
  if (el.dataset.radios) for (const r of el.querySelectorAll("input")) r.setAttribute("aria-invalid", "true");
  el.setAttribute("aria-invalid", "true");
  return el;
}

/** What the form calls a control: its label (without "(optional)"), or its group's legend. */
export function labelText(el) {
  const own = el.matches("fieldset") ? el.querySelector(":scope > legend") : el.id ? el.ownerDocument.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  const text = own ? [...own.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join("").trim() : "";
  return text || null;
}

const lower = (text) => (/^[A-Z0-9]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1));

/**
 * A service's message about `key` in the form's words (issue 14, point 6). Problem details keep their field paths for
 * programs; a person sees the label they filled in: "people[0].role is required: …" becomes "Person 1: choose who was
 * involved", "madeOn is in the future." becomes "Made on is in the future.", a list's codes become "choose one from the list".
 */
export function inWords(key, message, el) {
  const label = labelText(el);
  if (!label) return message;
  const path = key.replace(/^\$\.?/, "");
  const last = path.split(/[.[\]]+/).filter(Boolean).pop() ?? path;
  const choice = el.matches("select") || !!el.dataset.radios;
  // A repeated group (people[0]) names which one: "Person 1: …".
  const group = el.parentElement?.closest("fieldset[data-field*='[']");
  const prefix = group && group !== el ? `${labelText(group) ?? ""}: ` : "";
  const said = message.match(/^\s*([\w.[\]$]+) is required\s*[:;.]?\s*(.*)$/i);
  const named = (token) => [path, last].some((p) => p.toLowerCase() === token.toLowerCase());
  let words;
  if (said && named(said[1])) {
    const fix = said[2].trim();
    const ask = el.dataset.ask ?? `${choice ? "Choose" : "Enter"} ${lower(label)}`;
    // The service's fix is written for programs; the form's own hint, when there is one, already says it in its words.
    const hinted = (el.getAttribute("aria-describedby") ?? "").split(" ").some((id) => id.endsWith("-hint"));
    words = choice || hinted || !fix || /use one of|ISO 8601|yyyy-MM-dd/i.test(fix) || el.dataset.ask ? ask : `${ask}: ${fix}`;
  } else {
    words = message;
    for (const token of [path, last]) {
      const at = words.toLowerCase().indexOf(token.toLowerCase());
      if (at === 0) { words = label + words.slice(token.length); break; }
    }
    if (choice) words = words.replace(/;?\s*use one of:.*$/i, "; choose one from the list.");
  }
  words = words.charAt(0).toUpperCase() + words.slice(1);
  return prefix ? `${prefix}${lower(words)}` : words;
}

function focusable(el) {
  return el.matches("fieldset") ? el.querySelector("input, select, textarea, button") ?? el : el;
}
