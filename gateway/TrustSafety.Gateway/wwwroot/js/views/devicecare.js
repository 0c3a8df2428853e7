// @ts-check
// Issue 16, point 5 on the Devices page: importing the MDM's export (rejected rows shown by row number), retiring a
// device or reporting it lost or stolen, and the evidential custody chain (quarantine, examination, police, release; a
// pupil's own phone handed in). Every change to a device sends If-Match with the version this page read.
import { getJson, postJson, postText } from "../api.js";
import { h, clear, fmt, table, section, empty } from "../ui.js";
import { field, input, textarea, select, radios, checkedValue, disclosure, form, onSubmit } from "../forms.js";

/** @typedef {import("../../../../../web/types/device-register").components["schemas"]} DeviceApi */
/** @typedef {import("../forms.js").Control} Control */
/** @typedef {import("./devices.js").DeviceContext} DeviceContext */

const orNull = (v) => (v === "" || v === undefined ? null : v);
const nameOf = (d) => d.name ?? d.assetTag ?? d.serialNumber ?? d.id;
const ifMatch = (d) => ({ "If-Match": `"${d.version}"` });

/** What a person calls each custody step. */
export const CUSTODY_STEPS = {
  "handed-in": "Handed in", stored: "Stored safely", quarantined: "Quarantined as evidence (sealed)",
  examined: "Examined (searched)", "handed-to-police": "Handed to the police", "returned-by-police": "Returned by the police",
  "returned-to-parent": "Returned to a parent or carer", released: "Released from custody",
};
const POWER = [{ value: "left-on", label: "Left on (never shut it down)" }, { value: "found-off", label: "It was already off" }];

/**
 * For the DSL and the IT admin: import, retire, report missing.
 * @param devices the register's list (its OpenAPI entry names no type, so it is not typed)
 * @param {DeviceContext} ctx
 */
export function deviceCareForms(devices, ctx) {
  const retirable = devices.filter((d) => d.ownership === "school" && d.status !== "retired" && !d.assigneeKind && d.custodyState === "not-held");
  const active = devices.filter((d) => d.ownership === "school" && d.status === "active" && d.custodyState === "not-held");
  return [
    disclosure("Import devices from your MDM or asset register (CSV)", importForm(ctx)),
    retirable.length ? disclosure("Retire a device", retireForm(retirable, ctx)) : null,
    active.length ? disclosure("Report a device lost or stolen", missingForm(active, ctx)) : null,
  ];
}

/** @param {DeviceContext} ctx */
function importForm(ctx) {
  const file = h("input", { id: "import-file", name: "import-file", type: "file", accept: ".csv,text/csv" });
  const el = form("Import devices", "Import the devices",
    field("CSV export", file, { name: "file",
      hint: "An export from Jamf School, Intune or Snipe-IT, or a spreadsheet saved as CSV with a 'Serial' or 'Asset Tag' column (at most 1 MB)." }));
  onSubmit(el, {
    busy: "Importing…",
    record: "device register",
    starting: () => { clear(ctx.flash); ctx.showRejected?.([]); },
    send: async () => postText("/api/device-register/devices/import", file.files[0] ? await file.files[0].text() : ""),
    done: async (r) => {
      if (r.rejected.length === 0) { await ctx.changed(`${r.imported} devices imported.`); return; }
      // Keep the rejected rows in view: the page is re-read, then the rows are shown under the summary.
      await ctx.changed(`${r.imported} devices imported; ${r.rejected.length} rows were not imported (listed under "Rows not imported").`);
      ctx.showRejected?.(r.rejected);
    },
  });
  return el;
}

/**
 * The rows an import refused, by the row number a spreadsheet shows.
 * @param {{ row: number, reason: string }[]} rows the import's RejectedRow list (not in its OpenAPI document)
 */
export function rejectedRows(rows) {
  return section("Rows not imported", h("p", {}, "Fix these rows in the file and import it again; rows already imported are recognised and not added twice."),
    table("Each row not imported", [
      { label: "Row", value: (r) => String(r.row), rowHeader: true, numeric: true },
      { label: "Why", value: (r) => r.reason },
    ], rows, { className: "rejected-rows" }));
}

function deviceSelect(id, devices) {
  return select(id, devices.map((d) => ({ value: d.id, label: `${nameOf(d)} (${fmt.label(d.kind)})` })), devices[0]?.id);
}

/** @param {DeviceContext} ctx */
function retireForm(devices, ctx) {
  const device = deviceSelect("retire-device", devices);
  const reason = textarea("retire-reason", "", { rows: 2 });
  const el = form("Retire a device", "Retire the device",
    field("Device", device, { name: "deviceId", hint: "Only devices not assigned and not held as evidence can be retired." }),
    field("Why it is retired", reason, { name: "reason", ask: "Say why the device is retired", hint: "For example: end of life, wiped and recycled." }));
  const chosen = () => devices.find((d) => d.id === device.value);
  onSubmit(el, {
    busy: "Retiring…", record: "device", reload: ctx.reload, starting: () => clear(ctx.flash),
    send: () => postJson(`/api/device-register/devices/${encodeURIComponent(device.value)}/retire`, /** @satisfies {DeviceApi["RetireDevice"]} */ ({ reason: orNull(reason.value.trim()) }), ifMatch(chosen())),
    done: () => ctx.changed(`${nameOf(chosen())} is retired.`),
  });
  return el;
}

/** @param {DeviceContext} ctx */
function missingForm(devices, ctx) {
  const device = deviceSelect("missing-device", devices);
  const kind = radios("missing-kind", "What happened", "kind", [{ value: "lost", label: "Lost" }, { value: "stolen", label: "Stolen" }], "");
  const note = textarea("missing-note", "", { rows: 2 });
  const el = form("Report a device lost or stolen", "Report it",
    field("Device", device, { name: "deviceId" }), kind,
    field("Note", note, { name: "note", optional: true, hint: "For example: the police crime number, or where it was last seen." }));
  const chosen = () => devices.find((d) => d.id === device.value);
  onSubmit(el, {
    busy: "Reporting…", record: "device", reload: ctx.reload, starting: () => clear(ctx.flash),
    words: { kind: "Choose lost or stolen." },
    send: () => postJson(`/api/device-register/devices/${encodeURIComponent(device.value)}/missing`,
      /** @satisfies {DeviceApi["ReportDeviceMissing"]} */ ({ kind: orNull(checkedValue(el, "missing-kind")), note: orNull(note.value.trim()) }), ifMatch(chosen())),
    done: () => ctx.changed(`${nameOf(chosen())} is recorded as ${checkedValue(el, "missing-kind")}.`),
  });
  return el;
}

/**
 * The safeguarding team's custody work: devices held now, a device's chain with the next step it allows, and a pupil's
 * own phone handed in. Quarantine asks for the seal number and refuses "shut down" (evidence could be lost).
 * @param devices the register's list (its OpenAPI entry names no type, so it is not typed)
 * @param {DeviceContext} ctx
 */
export function custodySection(devices, ctx) {
  const held = devices.filter((d) => d.custodyState !== "not-held");
  const holdable = devices.filter((d) => d.status === "active" || d.custodyState !== "not-held");
  const chain = h("div", { class: "custody-chain", "aria-live": "polite" });
  const device = holdable.length ? deviceSelect("custody-device", holdable) : null;
  const show = async () => {
    clear(chain, h("p", { class: "state loading", role: "status" }, "Loading the custody chain…"));
    try {
      const chosen = holdable.find((d) => d.id === device.value);
      const { data } = await /** @type {ReturnType<typeof getJson<CustodyChain>>} */ (getJson(`/api/device-register/devices/${encodeURIComponent(chosen.id)}/custody`));
      clear(chain, chainTable(data), data.allowedNext.length
        ? stepForm(chosen, data, ctx)
        : h("p", { class: "hint" }, "No further step can follow: the chain is complete."));
    } catch (error) {
      clear(chain, h("p", { class: "state error", role: "alert" }, `Could not load the custody chain: ${error?.message ?? error}`));
    }
  };
  return section("Custody of devices as evidence",
    held.length === 0 ? empty("No device is held as evidence now.") : table("Held now", [
      { label: "Device", value: (d) => nameOf(d), rowHeader: true },
      { label: "Ownership", value: (d) => (d.ownership === "pupil-personal" ? "a pupil's own" : "school") },
      { label: "State", value: (d) => fmt.label(d.custodyState) },
    ], held, { className: "custody-held" }),
    device ? h("div", { class: "row" }, field("Device", device, { name: "custodyDevice" }),
      h("div", { class: "actions" }, h("button", { type: "button", class: "button secondary", id: "custody-open", onclick: show }, "Show its custody chain"))) : null,
    chain,
    disclosure("Record a pupil's own phone handed in", phoneForm(ctx)));
}

/**
 * A device's custody chain: the device register's CustodyChain, which its OpenAPI document does not name; its steps are
 * the documented CustodyStep.
 * @typedef {{ steps: DeviceApi["CustodyStep"][], allowedNext: string[] }} CustodyChain
 */

/** @param {CustodyChain} data */
function chainTable(data) {
  if (!data.steps.length) return empty("Not held so far: its chain starts with the first step below.");
  return table("Custody chain", [
    { label: "When", value: (s) => fmt.dateTime(s.at), rowHeader: true },
    { label: "Step", value: (s) => CUSTODY_STEPS[s.step] ?? fmt.label(s.step) },
    { label: "Where", value: (s) => s.location },
    { label: "By", value: (s) => s.byName },
    { label: "Details", value: (s) => [s.sealNumber && `seal ${s.sealNumber}`, s.powerState && fmt.label(s.powerState),
      s.authorisedBy && `authorised by ${s.authorisedBy}`, s.actionsTaken, s.policeReference && `police ref ${s.policeReference}`,
      s.receivedBy && `received by ${s.receivedBy}`, s.reason].filter(Boolean).join("; ") || "—" },
  ], data.steps, { className: "custody-steps" });
}

/**
 * The next step's form: the fields each step needs appear when the step is chosen.
 * @param device the device as the register's list has it
 * @param {CustodyChain} data
 * @param {DeviceContext} ctx
 */
function stepForm(device, data, ctx) {
  const step = select("custody-step", data.allowedNext.map((s) => ({ value: s, label: CUSTODY_STEPS[s] ?? fmt.label(s) })), "", { placeholder: "Choose the step" });
  const only = (steps, content) => { content.dataset.steps = steps.join(" "); content.hidden = true; return content; };
  const el = form("Record the next custody step", "Record the step",
    field("Step", step, { name: "step" }),
    field("Where the device is now", input("custody-location"), { name: "location", hint: "For example: DSL office safe." }),
    only(["quarantined"], h("div", { class: "row" },
      field("Evidence bag seal number", input("custody-sealNumber"), { name: "sealNumber" }),
      radios("custody-powerState", "Power", "powerState", POWER, ""))),
    only(["examined"], h("div", {},
      field("Who authorised the search", input("custody-authorisedBy"), { name: "authorisedBy", hint: "Their role, e.g. headteacher." }),
      field("What was done", textarea("custody-actionsTaken"), { name: "actionsTaken" }))),
    only(["handed-to-police", "returned-to-parent"], field("Received by", input("custody-receivedBy"), { name: "receivedBy",
      hint: "The officer's collar number or role; or who collected the phone (e.g. mother)." })),
    only(["handed-to-police"], field("Police reference", input("custody-policeReference"), { name: "policeReference" })),
    only(["released"], field("Why it is released", textarea("custody-reason", "", { rows: 2 }), { name: "reason" })));
  step.addEventListener("change", () => {
    for (const part of /** @type {NodeListOf<HTMLElement>} */ (el.querySelectorAll("[data-steps]"))) part.hidden = !part.dataset.steps.split(" ").includes(step.value);
  });
  const v = (id) => orNull(/** @type {Control | null} */ (el.querySelector(`#${id}`))?.value.trim());
  onSubmit(el, {
    busy: "Recording…", record: "device", reload: ctx.reload, starting: () => clear(ctx.flash),
    words: { step: "Choose the step.", powerState: "Say whether it was left on or was already off: never shut it down." },
    send: () => postJson(`/api/device-register/devices/${encodeURIComponent(device.id)}/custody`, /** @satisfies {DeviceApi["RecordCustodyStep"]} */ ({
      step: orNull(step.value), location: v("custody-location"), sealNumber: v("custody-sealNumber"),
      powerState: orNull(checkedValue(el, "custody-powerState")), authorisedBy: v("custody-authorisedBy"),
      actionsTaken: v("custody-actionsTaken"), receivedBy: v("custody-receivedBy"), policeReference: v("custody-policeReference"),
      reason: v("custody-reason"),
    }), ifMatch(device)),
    done: () => ctx.changed(`${CUSTODY_STEPS[step.value] ?? step.value}: recorded for ${nameOf(device)}.`),
  });
  return el;
}

/** @param {DeviceContext} ctx */
function phoneForm(ctx) {
  const el = form("Record a pupil's own phone handed in", "Record the phone",
    field("The pupil's school id", input("phone-ownerPupilId"), { name: "ownerPupilId", hint: "The id your school's system gives the pupil (e.g. P-1234). Never a name." }),
    field("Which phone", input("phone-description"), { name: "description", hint: "So it can be identified, e.g. black iPhone, cracked case." }),
    field("Where it is kept", input("phone-location"), { name: "location", hint: "For example: school office phone box." }));
  const v = (id) => orNull(/** @type {Control} */ (el.querySelector(`#${id}`)).value.trim());
  onSubmit(el, {
    busy: "Recording…", record: "device", starting: () => clear(ctx.flash),
    send: () => postJson("/api/device-register/custody/personal-phones",
      /** @satisfies {DeviceApi["HandInPersonalPhone"]} */ ({ ownerPupilId: v("phone-ownerPupilId"), description: v("phone-description"), location: v("phone-location") })),
    done: () => ctx.changed("The phone is recorded as handed in; its custody chain has started."),
  });
  return el;
}
