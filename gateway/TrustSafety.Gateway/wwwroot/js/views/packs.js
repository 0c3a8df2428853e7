// @ts-check
import { getBlob } from "../api.js";
import { h, clear, withStates, empty, fmt } from "../ui.js";

/**
 * Governor packs (per school) and the trust board pack: HTML to read, PDF to print, CSV to analyse. No pupil is named.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { me, query }) {
  const trustWide = me.has("trust-lead");
  const base = trustWide ? "/api/reporting/packs/trust" : "/api/reporting/packs/school";
  const now = new Date();
  const year = now.getUTCFullYear();
  // By default the term under way (August: the summer term just ended): a pack for a month just begun would show
  // "0 reported" beside the incidents open now.
  const month = now.getUTCMonth() + 1;
  const currentTerm = `${year}-${month >= 9 ? "autumn" : month >= 4 ? "summer" : "spring"}`;
  const period = query.get("period") ?? currentTerm;
  const terms = [];
  for (const y of [year - 1, year]) for (const t of ["spring", "summer", "autumn"]) terms.push(`${y}-${t}`);

  const form = h("form", { class: "filters", "aria-label": "Pack period" },
    h("div", { class: "field" }, h("label", { for: "month" }, "Month"), h("input", { id: "month", name: "month", type: "month", value: /^\d{4}-\d{2}$/.test(period) ? period : "" })),
    h("div", { class: "field" }, h("label", { for: "term" }, "or term"),
      h("select", { id: "term", name: "term" }, h("option", { value: "" }, "—"), terms.map((t) => h("option", { value: t, selected: t === period }, t.replace("-", " "))))),
    h("button", { type: "submit", class: "button" }, "Show pack"));
  // What is selected is what is shown and what every download makes: choosing a month or a term shows that pack.
  const selected = () => form.term.value || form.month.value;
  const show = () => {
    const p = selected();
    if (p && p !== period) window.location.hash = `#/packs?period=${encodeURIComponent(p)}`;
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); show(); });
  form.month.addEventListener("change", () => { if (form.month.value) form.term.value = ""; show(); });
  form.term.addEventListener("change", () => { if (form.term.value) form.month.value = ""; show(); });

  const status = h("p", { role: "status", class: "form-status" });
  const label = (p) => (/^\d{4}-\d{2}$/.test(p) ? fmt.month(p) : `${p[5].toUpperCase()}${p.slice(6)} term ${p.slice(0, 4)}`);
  const download = (format) => async () => {
    const chosen = selected() || period;
    status.textContent = `Preparing the ${format.toUpperCase()} for ${label(chosen)}…`;
    try {
      const { blob } = await getBlob(`${base}?period=${encodeURIComponent(chosen)}&format=${format}`);
      const url = URL.createObjectURL(blob);
      const a = h("a", { href: url, download: `${trustWide ? "trust-board" : me.school}-pack-${chosen}.${format}` });
      document.body.append(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = `The ${format.toUpperCase()} for ${label(chosen)} has been downloaded.`;
    } catch (error) {
      status.textContent = `The ${format.toUpperCase()} could not be made: ${error.message}`;
    }
  };
  const preview = h("div");
  clear(container, h("h1", {}, trustWide ? "Trust board pack" : "Governor pack"),
    h("p", { class: "lead" }, "Aggregates only: no pupil is named, and counts of 1 to 4 are shown as <5. Downloads are recorded."),
    form,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "button", id: "pack-pdf", onclick: download("pdf") }, "Download PDF"),
      h("button", { type: "button", class: "button secondary", id: "pack-csv", onclick: download("csv") }, "Download CSV"),
      h("button", { type: "button", class: "button secondary", id: "pack-html", onclick: download("html") }, "Download HTML")),
    status,
    h("section", { class: "panel", "aria-labelledby": "preview-h" }, h("h2", { id: "preview-h" }, `Pack for ${label(period)}`), preview));

  await withStates(preview, "the pack", async () => {
    const { blob } = await getBlob(`${base}?period=${encodeURIComponent(period)}&format=html`, "text/html");
    const doc = new DOMParser().parseFromString(await blob.text(), "text/html");
    // The pack is reporting's own markup; keep its content, drop anything active and its page-level styles.
    doc.querySelectorAll("script, style, link, iframe, object, embed").forEach((el) => el.remove());
    doc.querySelectorAll("*").forEach((el) => [...el.attributes].forEach((a) => { if (a.name.startsWith("on")) el.removeAttribute(a.name); }));
    const note = doc.querySelector(".note");
    note?.remove();
    const content = h("div", { class: "pack-preview" });
    content.append(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
    content.querySelectorAll("h1").forEach((el) => { const h3 = h("h3", {}, el.textContent); el.replaceWith(h3); });
    if (!content.textContent.trim()) return empty("The pack is empty.");
    return [h("p", { class: "freshness" }, note ? note.textContent : "Freshness is shown in the pack."), content];
  });
}
