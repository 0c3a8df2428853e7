// @ts-check
import { getJson } from "./api.js";
import { h } from "./ui.js";
import { field } from "./forms.js";

/**
 * Pupils by name, from the school's roster (consent's MIS import). A searchable picker (ARIA 1.2 combobox: type, arrow
 * keys, Enter to choose, Escape to close) whose input carries the chosen pupil's internal id in data-pupil-id; the name
 * is only shown, never sent. Governors and trust-wide users are refused the lookup by the service.
 */
export function pupilField(id, label, { hint = "Type two or more letters of their name, then choose them from the list.", hidden = false, optional = false } = {}) {
  const listId = `${id}-options`;
  const control = h("input", {
    id, name: id, type: "text", autocomplete: "off", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
    "aria-controls": listId, class: "pupil-picker",
  });
  const list = h("ul", { id: listId, role: "listbox", class: "pupil-options", hidden: true, "aria-label": `${label}: matching pupils` });
  const status = h("p", { class: "hint pupil-status", role: "status", "aria-live": "polite" });
  let options = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  const close = () => { list.hidden = true; control.setAttribute("aria-expanded", "false"); control.removeAttribute("aria-activedescendant"); active = -1; };
  const highlight = (n) => {
    active = n;
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", i === n ? "true" : "false"));
    if (n >= 0 && list.children[n]) { control.setAttribute("aria-activedescendant", list.children[n].id); list.children[n].scrollIntoView?.({ block: "nearest" }); }
  };
  const choose = (pupil) => {
    // A search still pending from the last keystrokes (or in flight) must not undo the choice: cancel it.
    clearTimeout(timer);
    asked++;
    control.value = pupil.name;
    control.dataset.pupilId = pupil.pupilId;
    status.textContent = `Chosen: ${describe(pupil)}.`;
    close();
  };

  async function search() {
    const term = control.value.trim();
    delete control.dataset.pupilId;
    if (term.length < 2) { close(); status.textContent = ""; return; }
    const mine = ++asked;
    status.textContent = "Searching the school roster…";
    try {
      const { data } = await getJson(`/api/consent/pupils?search=${encodeURIComponent(term)}`);
      if (mine !== asked) return;
      // The pupil the keyboard has highlighted stays highlighted when the answer still lists them (Enter pressed just
      // after this answer arrives chooses the pupil the user saw highlighted).
      const highlighted = active >= 0 ? options[active]?.pupilId : undefined;
      options = data.pupils ?? [];
      list.replaceChildren(...options.map((p, i) => h("li", {
        id: `${id}-option-${i}`, role: "option", "aria-selected": "false", class: "pupil-option",
        onmousedown: (e) => { e.preventDefault(); choose(p); },
      }, h("span", { class: "pupil-name" }, p.name), " ", h("span", { class: "hint" }, `${p.year}, ${p.className}`))));
      list.hidden = options.length === 0;
      control.setAttribute("aria-expanded", options.length ? "true" : "false");
      active = -1;
      if (highlighted) highlight(options.findIndex((p) => p.pupilId === highlighted));
      status.textContent = options.length
        ? `${options.length} pupil${options.length === 1 ? "" : "s"} found: use the arrow keys and Enter to choose.`
        : `No pupil on the school roster matches "${term}". Check the spelling, or ask the DSL whether the roster is up to date.`;
    } catch (error) {
      if (mine !== asked) return;
      close();
      status.textContent = error.status === 403 ? "Pupils' names are not shown to your role." : "The school roster could not be searched just now; try again.";
    }
  }

  control.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 200); });
  control.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && options.length) { e.preventDefault(); if (list.hidden) { list.hidden = false; control.setAttribute("aria-expanded", "true"); } highlight(Math.min(active + 1, options.length - 1)); }
    else if (e.key === "ArrowUp" && options.length) { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (e.key === "Enter" && !list.hidden && active >= 0) { e.preventDefault(); choose(options[active]); }
    else if (e.key === "Escape" && !list.hidden) { e.preventDefault(); close(); }
  });
  control.addEventListener("blur", () => setTimeout(close, 100));

  const wrapper = field(label, control, { hint, hidden, optional });
  wrapper.classList.add("pupil-field");
  wrapper.append(list, status);
  return wrapper;
}

function describe(p) { return `${p.name}, ${p.year}, ${p.className}`; }

/** Names for pupil ids, as far as the caller may see them: a Map id → card; empty when the roster refuses or fails. */
export async function pupilNames(ids) {
  const wanted = [...new Set(ids.filter(Boolean))].slice(0, 50);
  if (!wanted.length) return new Map();
  try {
    const { data } = await getJson(`/api/consent/pupils?${wanted.map((i) => `id=${encodeURIComponent(i)}`).join("&")}`);
    return new Map((data.pupils ?? []).map((p) => [p.pupilId, p]));
  } catch {
    return new Map();
  }
}

/** "Chi Okafor (Year 6, 6B)" for a known pupil id, else the id itself. */
export function pupilLabel(names, pupilId) {
  const p = names.get(pupilId);
  return p ? `${p.name} (${p.year}, ${p.className})` : pupilId;
}
