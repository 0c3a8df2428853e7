// @ts-check
import { getJson } from "../api.js";
import { h, clear, fmt, freshness, table, withStates } from "../ui.js";
import { pupilNames } from "../pupils.js";

/** @typedef {import("../../../../../web/types/incident").components["schemas"]["PupilChronology"]} PupilChronology */

/**
 * A pupil's chronology across incidents (the DSL's only), named from the school roster.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { params }) {
  const body = h("div");
  clear(container, h("p", {}, h("a", { href: "#/incidents" }, "Back to incidents")), body);
  await withStates(body, "the pupil's chronology", async () => {
    const [{ data, fetchedAt }, names] = await Promise.all([
      /** @type {ReturnType<typeof getJson<PupilChronology>>} */ (getJson(`/api/incident/pupils/${encodeURIComponent(params.id)}/chronology`)),
      pupilNames([params.id])]);
    const pupil = names.get(params.id);
    return [
      h("h1", {}, `Chronology: ${pupil ? pupil.name : params.id}`),
      pupil ? h("p", { class: "lead" }, `${pupil.year}, ${pupil.className}${pupil.onRoll ? "" : " (no longer on roll)"}`) : null,
      freshness("the incident service", fetchedAt),
      table("Chronology", [
        { label: "When", value: (e) => fmt.dateTime(e.at), rowHeader: true },
        { label: "What", value: (e) => e.summary },
        { label: "Incident", value: (e) => h("a", { href: `#/incidents/${e.incidentId}` }, fmt.label(e.category ?? "uncategorised")) },
        { label: "Role", value: (e) => fmt.label(e.pupilRole) },
        { label: "By", value: (e) => e.by },
      ], data.entries ?? [], { emptyMessage: "No incident involves this pupil." }),
    ];
  });
}
