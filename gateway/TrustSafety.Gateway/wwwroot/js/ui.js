// @ts-check
// Small DOM helpers: everything is built with text nodes (no innerHTML), so API data can never become markup.

/**
 * An element with attributes (class, dataset, on… listeners, true for a bare attribute) and children (text or nodes).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) { el.replaceChildren(); append(el, children); return el; }

const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const monthName = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

export const fmt = {
  dateTime: (v) => (v ? dateTime.format(new Date(v)) : "—"),
  date: (v) => (v ? dateOnly.format(new Date(v)) : "—"),
  month: (key) => monthName.format(new Date(key + "-01T00:00:00Z")),
  number: (v, digits = 0) => (v === null || v === undefined ? "—" : Number(v).toLocaleString("en-GB", { maximumFractionDigits: digits })),
  label: (code) => (code ?? "—").toString().replaceAll("-", " "),
};

/** A published (possibly suppressed) count: {value, display, suppressed}. */
export function count(c) {
  if (c === null || c === undefined) return "—";
  if (typeof c === "number") return fmt.number(c);
  return c.display ?? fmt.number(c.value);
}

export function loading(what) { return h("p", { class: "state loading", role: "status" }, `Loading ${what}…`); }
export function empty(message) { return h("p", { class: "state empty" }, message); }

export function failure(what, error, retry) {
  const detail = error?.problem?.detail;
  return h("div", { class: "state error", role: "alert" },
    h("p", {}, h("strong", {}, `Could not load ${what}. `), error?.message ?? String(error)),
    detail ? h("p", {}, detail) : null,
    error?.status === 403 ? h("p", {}, "Your role does not give access to this information.") : null,
    retry ? h("button", { type: "button", class: "button secondary", onclick: retry }, "Try again") : null);
}

/**
 * "As of" line for a view. Reporting answers carry {asOf, lastProcessedAt, lagSeconds, generatedAt}; live services
 * are as fresh as the request, so they show when they were fetched.
 */
export function freshness(source, asOf) {
  const line = h("p", { class: "freshness" });
  if (asOf && typeof asOf === "object" && "generatedAt" in asOf) {
    if (asOf.asOf) {
      line.append(`Data as of ${fmt.dateTime(asOf.asOf)}`);
      if (asOf.lagSeconds !== null && asOf.lagSeconds !== undefined) line.append(` · projection lag ${fmt.number(asOf.lagSeconds, 0)} s`);
    } else {
      line.append("As of now: no events have reached reporting yet");
    }
    line.append(` · ${source}, generated ${fmt.dateTime(asOf.generatedAt)}`);
  } else {
    line.append(`As of ${fmt.dateTime(asOf ?? new Date())} · live from ${source}`);
  }
  return line;
}

/**
 * @template T
 * @typedef {{ label: string, value: (row: T) => unknown, numeric?: boolean, rowHeader?: boolean }} Column
 */

/**
 * A table of rows, one column per { label, value(row) }; the rows' type (an API schema) checks what each column reads.
 * @template T
 * @param {string} caption
 * @param {Column<T>[]} columns
 * @param {T[]} rows
 * @param {{ emptyMessage?: string, className?: string }} [options]
 */
export function table(caption, columns, rows, { emptyMessage = "Nothing to show.", className = "" } = {}) {
  if (!rows.length) return h("div", {}, h("h3", { class: "table-caption" }, caption), empty(emptyMessage));
  return h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h("table", { class: className },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.numeric ? "num" : "" }, c.label)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((c, i) => {
        const value = c.value(row);
        const attrs = { class: c.numeric ? "num" : "" };
        return i === 0 && c.rowHeader ? h("th", { scope: "row", ...attrs }, value) : h("td", attrs, value);
      }))))));
}

export function stat(label, value, hint) {
  return h("div", { class: "stat" }, h("span", { class: "stat-label" }, label), h("span", { class: "stat-value" }, value),
    hint ? h("span", { class: "stat-hint" }, hint) : null);
}

export function section(title, ...children) {
  const id = "s-" + title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return h("section", { class: "panel", "aria-labelledby": id }, h("h2", { id }, title), children);
}

/**
 * What app.js gives each view: the route's :parameters, the query after "?", the signed-in person, and a way to refresh
 * the header's unread count (with the count when the view knows it).
 * @typedef {{ params: Record<string, string>, query: URLSearchParams, me: import("./auth.js").Me,
 *   refreshCount: (known?: number | string, options?: { force?: boolean }) => Promise<void> }} ViewContext
 */

/** Renders view content, showing loading, then the result or an error with a retry. */
export async function withStates(container, what, load) {
  const run = async () => {
    clear(container, loading(what));
    container.setAttribute("aria-busy", "true");
    try {
      clear(container, await load());
    } catch (error) {
      if (error?.status === 401) return;
      clear(container, failure(what, error, run));
    } finally {
      container.removeAttribute("aria-busy");
    }
  };
  await run();
}

export function monthsBack(n) {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1));
  return first.toISOString().slice(0, 7);
}

export const thisMonth = () => new Date().toISOString().slice(0, 7);

export function badge(text, tone = "neutral") { return h("span", { class: `badge ${tone}` }, text); }
