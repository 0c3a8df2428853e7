// @ts-check
import { h } from "../ui.js";
import { field, input, textarea, select, radios, checkedValue, form } from "../forms.js";
import { PERSON_ROLES, labelOf } from "../lists.js";
import { pupilField, pupilLabel } from "../pupils.js";

/** @typedef {import("../../../../../web/types/incident").components["schemas"]} IncidentApi */
/** @typedef {import("./incident.js").IncidentContext} IncidentContext */

const CHANGES = [
  { value: "add", label: "Add someone who was involved" },
  { value: "correct", label: "Correct a person named wrongly" },
  { value: "remove", label: "Remove a person named in error" },
];

/**
 * The DSL's (or deputy's) correction of the people on an incident (POST …/people/corrections): add someone, replace a
 * person named wrongly, or remove one named in error, always with a reason (recorded on the timeline). Pupils are
 * chosen by name from the roster; only their internal id is sent. `wire` posts it with the incident's If-Match.
 * @param {IncidentApi["IncidentView"]} i
 * @param {IncidentContext} ctx
 * @param {(el: HTMLFormElement, ctx: IncidentContext, path: string, body: () => object, message: string) => HTMLFormElement} wire
 */
export function correctPeopleForm(i, ctx, wire) {
  const people = (i.people ?? []).map((p, n) => ({
    value: String(n),
    label: `Person ${n + 1}: ${labelOf(PERSON_ROLES, p.role)}${p.pupilId ? `, ${pupilLabel(ctx.names, p.pupilId)}` : p.name || p.staffId ? `, ${p.name ?? p.staffId}` : ""}`,
  }));
  const who = field("Which person", select("people-index", people, "", { placeholder: "Choose the person" }),
    { name: "index", ask: "Choose the person to correct or remove", hidden: true });
  const role = select("people-role", PERSON_ROLES, "", { placeholder: "Choose a role" });
  const roleField = field("Role", role, { name: "person.role", ask: "Choose how they were involved", hidden: true });
  const pupil = pupilField("people-pupilId", "Pupil", { hidden: true });
  const pupilControl = pupil.querySelector("input");
  pupilControl.dataset.field = "person.pupilId";
  pupilControl.dataset.ask = "Choose the pupil";
  const staff = field("Staff id", input("people-staffId"), { name: "person.staffId", hint: "Or give their name below.", hidden: true });
  const name = field("Name", input("people-name"), { name: "person.name", optional: true, hidden: true });
  const change = radios("people-change", "What needs correcting?", "change", CHANGES, "", {
    ask: "Choose what needs correcting",
    onchange: () => show(),
  });
  const reason = field("Why", textarea("people-reason"), { name: "reason", ask: "Say why the record is corrected",
    hint: "Recorded on the timeline, e.g. \u201cThe class teacher named the wrong pupil\u201d." });

  function show() {
    const c = checkedValue(el, "people-change");
    who.hidden = !(c === "correct" || c === "remove");
    const naming = c === "add" || c === "correct";
    roleField.hidden = !naming;
    const r = role.value;
    pupil.hidden = !naming || !r.startsWith("child-");
    staff.hidden = !naming || !r.startsWith("staff-");
    name.hidden = !naming || !(r.startsWith("staff-") || r === "other");
  }
  role.addEventListener("change", show);

  const el = form("Correct the people involved", "Record the correction", change, who, roleField, pupil, staff, name, reason);
  const orNull = (v) => (v === "" || v === undefined ? null : v);
  return wire(el, ctx, "people/corrections", () => {
    const c = orNull(checkedValue(el, "people-change"));
    const naming = c === "add" || c === "correct";
    const r = orNull(role.value);
    const index = /** @type {HTMLSelectElement} */ (el.querySelector("#people-index"));
    return /** @satisfies {IncidentApi["CorrectPeopleRequest"]} */ ({
      change: c,
      index: c === "correct" || c === "remove" ? (index.value === "" ? null : Number(index.value)) : null,
      person: naming ? {
        role: r,
        pupilId: r?.startsWith("child-") ? pupilControl.dataset.pupilId ?? null : null,
        staffId: r?.startsWith("staff-") ? orNull(/** @type {HTMLInputElement} */ (el.querySelector("#people-staffId")).value.trim()) : null,
        name: r && (r.startsWith("staff-") || r === "other") ? orNull(/** @type {HTMLInputElement} */ (el.querySelector("#people-name")).value.trim()) : null,
      } : null,
      reason: orNull(/** @type {HTMLTextAreaElement} */ (el.querySelector("#people-reason")).value.trim()),
    });
  }, "The people involved have been corrected.");
}

export const canCorrectPeople = (/** @type {import("../auth.js").Me} */ me) => me.has("dsl") || me.has("deputy-dsl");
