// @ts-check
import { postJson } from "../api.js";
import { h, clear } from "../ui.js";
import { field, input, textarea, select, form, onSubmit, uuid } from "../forms.js";
import { categories, PERSON_ROLES, SITES, DEVICES } from "../lists.js";
import { pupilField } from "../pupils.js";

/** @typedef {import("../../../../../web/types/incident").components["schemas"]} IncidentApi */

/**
 * "Report a concern", for any member of staff. The Idempotency-Key is made once per form, so a double submit or a
 * retry after a lost answer records one concern, not two.
 * @param {HTMLElement} container
 */
export async function render(container) {
  const idempotencyKey = uuid();
  const happenedAt = input("report-happenedAt", { type: "datetime-local", max: localNow() });
  const whatHappened = textarea("report-whatHappened", "", { rows: 5 });
  const site = select("report-site", SITES, "", { placeholder: "Choose where" });
  const device = select("report-device", DEVICES, "", { placeholder: "Choose a device type" });
  const detail = input("report-where-detail");
  const howItCameToLight = textarea("report-howItCameToLight", "", { rows: 2 });
  const category = select("report-suggestedCategory", await categories(), "", { placeholder: "Not sure" });

  const people = h("div", { class: "people" });
  const addButton = h("button", { type: "button", class: "button secondary", onclick: () => addPerson(true) }, "Add another person");
  let made = 0;

  function addPerson(focus) {
    const n = ++made;
    const id = (part) => `report-person-${n}-${part}`;
    const role = select(id("role"), PERSON_ROLES, "", { placeholder: "Choose a role" });
    const pupil = pupilField(id("pupilId"), "Pupil", { hidden: true });
    const staff = field("Staff id", input(id("staffId")), { hint: "Or give their name below.", hidden: true });
    const name = field("Name", input(id("name")), { optional: true, hidden: true });
    const row = h("fieldset", { class: "person" }, h("legend", {}), field("Role", role, { ask: "Choose who was involved" }), pupil, staff, name,
      h("button", { type: "button", class: "button secondary small remove", onclick: () => { row.remove(); renumber(); addButton.focus(); } }));
    role.addEventListener("change", () => {
      const r = role.value;
      pupil.hidden = !r.startsWith("child-");
      staff.hidden = !r.startsWith("staff-");
      name.hidden = !(r.startsWith("staff-") || r === "other");
    });
    people.append(row);
    renumber();
    if (focus) role.focus();
  }

  // Positions decide the server's field names (people[0].role), so they are renamed whenever a row goes.
  function renumber() {
    const rows = /** @type {HTMLElement[]} */ ([...people.children]);
    rows.forEach((row, i) => {
      row.dataset.field = `people[${i}]`;
      row.querySelector("legend").textContent = `Person ${i + 1}`;
      for (const part of ["role", "pupilId", "staffId", "name"])
        /** @type {HTMLElement} */ (row.querySelector(`[id$="-${part}"]`)).dataset.field = `people[${i}].${part}`;
      const remove = /** @type {HTMLButtonElement} */ (row.querySelector(".remove"));
      remove.textContent = `Remove person ${i + 1}`;
      remove.hidden = rows.length === 1;
    });
  }

  const peopleGroup = h("fieldset", { class: "field-group", dataset: { field: "people" } },
    h("legend", {}, "People involved"),
    h("p", { class: "hint" }, "Everyone involved, with their role. Choose pupils from the school roster by name."),
    h("p", { class: "field-error", hidden: true }), people, addButton);
  const whereGroup = h("fieldset", { class: "field-group", dataset: { field: "where" } },
    h("legend", {}, "Where it happened"),
    h("p", { class: "field-error", hidden: true }),
    h("div", { class: "row" }, field("Site", site, { name: "where.site" }), field("Device", device, { name: "where.device" })),
    field("More detail", detail, { name: "where.detail", optional: true, hint: "For example: ICT suite, Year 5 class chat." }));

  const el = form("Report a concern", "Report the concern",
    field("When it happened", happenedAt, { name: "happenedAt", hint: "Your best estimate if you are not sure." }),
    field("What happened", whatHappened, { name: "whatHappened", hint: "In your own words: what you saw or were told. Do not investigate." }),
    whereGroup,
    field("How it came to light", howItCameToLight, { name: "howItCameToLight",
      hint: "For example: a pupil told me, I saw it on screen, a parent reported it." }),
    peopleGroup,
    field("Suggested category", category, { name: "suggestedCategory", optional: true, hint: "The DSL decides the category when they triage it." }));
  addPerson(false);

  onSubmit(el, {
    busy: "Sending your concern…",
    send: () => /** @type {Promise<IncidentApi["ConcernReportedResponse"]>} */ (postJson("/api/incident/incidents", /** @satisfies {IncidentApi["ReportConcernRequest"]} */ ({
      happenedAt: toIso(happenedAt.value),
      whatHappened: whatHappened.value,
      where: { site: site.value || null, device: device.value || null, detail: detail.value || null },
      howItCameToLight: howItCameToLight.value,
      people: [...people.children].map((row) => {
        const value = (part) => {
          const c = /** @type {import("../forms.js").Control} */ (row.querySelector(`[id$="-${part}"]`));
          if (c.closest("[hidden]")) return null;
          return part === "pupilId" ? c.dataset.pupilId ?? null : c.value.trim() || null;
        };
        return { role: value("role"), pupilId: value("pupilId"), staffId: value("staffId"), name: value("name") };
      }),
      suggestedCategory: category.value || null,
    }), { "Idempotency-Key": idempotencyKey })),
    done: (reported) => { window.location.hash = `#/incidents/${reported.id}?reported=1`; },
  });

  clear(container, h("h1", {}, "Report a concern"),
    h("p", { class: "lead" }, "Tell the safeguarding team about an online-safety concern. If a child is in immediate danger, call 999 and tell the DSL now."),
    h("section", { class: "panel" }, el));
}

function localNow() {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

/** A datetime-local value is the user's local time; the service wants an instant. */
function toIso(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
