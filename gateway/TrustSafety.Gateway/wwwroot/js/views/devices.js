// @ts-check
import { getJson, postJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, stat, withStates } from "../ui.js";
import { field, input, textarea, select, radios, checkedValue, disclosure, form, onSubmit } from "../forms.js";
import { deviceCareForms, custodySection, rejectedRows } from "./devicecare.js";

/** @typedef {import("../../../../../web/types/device-register").components["schemas"]} DeviceApi */
/** @typedef {import("../forms.js").Control} Control */
/**
 * What the forms share: where to announce, how to read the page again (with a message), and where an import's refused
 * rows are shown.
 * @typedef {{ flash: HTMLElement, reload: () => Promise<void>, changed: (message?: string) => Promise<void>,
 *   showRejected?: (rows: { row: number, reason: string }[]) => void }} DeviceContext
 */

const MANAGERS = ["it-admin", "dsl"];

export const DEVICE_KINDS = [
  { value: "laptop", label: "Laptop" }, { value: "chromebook", label: "Chromebook" }, { value: "ipad", label: "iPad" },
  { value: "tablet", label: "Other tablet" }, { value: "desktop", label: "Desktop computer" }, { value: "phone", label: "Phone" },
  { value: "camera", label: "Camera" }, { value: "other", label: "Something else" },
];

const ASSIGNEE_KINDS = [
  { value: "pupil", label: "A pupil" }, { value: "staff", label: "A member of staff" },
  { value: "class", label: "A class" }, { value: "room", label: "A room" },
];

const ASSIGNEE_WORDS = { pupil: "pupil", staff: "staff member", class: "class", room: "room" };

/** How a device is named to a person: its name, else asset tag, else serial number. */
const deviceName = (d) => d.name ?? d.assetTag ?? d.serialNumber ?? d.id;
const assignee = (kind, id) => (kind ? `${ASSIGNEE_WORDS[kind] ?? kind} ${id}` : "unassigned");
const orNull = (v) => (v === "" || v === undefined ? null : v);

/**
 * The school's device register: coverage (unassigned, without a current AUP, unseen, in custody) and the list; the
 * school's IT admin and DSL also register, assign and take back devices here. Assigning and returning send If-Match
 * with the version of the device as this page read it; the page is read again after every change.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { me }) {
  if (!me.school) return renderTrust(container);
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const coverage = h("div");
  const manage = h("div");
  const rejected = h("div");
  const custody = h("div");
  const list = h("div");
  clear(container, h("h1", {}, "Devices"), flash, coverage, manage, rejected, custody,
    h("section", { class: "panel", "aria-labelledby": "dev-list" }, h("h2", { id: "dev-list" }, "Register"), list));
  const manages = me.has(...MANAGERS);
  const keepsCustody = me.has("dsl", "deputy-dsl", "headteacher");
  const load = async (message) => {
    clear(flash);
    await Promise.all([
      withStates(coverage, "device coverage", async () => {
        const { data } = await getJson("/api/device-register/coverage");
        const t = data.totals;
        return [freshness("the device register", data.asOf), h("div", { class: "stats" },
          stat("Active school devices", fmt.number(t.activeSchoolDevices)), stat("Unassigned", fmt.number(t.unassigned)),
          stat("Assigned without current AUP", fmt.number(t.assignedWithoutCurrentAup)), stat("AUP overrides", fmt.number(t.aupOverrides)),
          stat(`Not seen for ${data.notSeenForDays} days`, fmt.number(t.notSeen)), stat("In custody", fmt.number(t.inCustody))),
          section("Assigned without a current AUP", table("Devices whose holder has no current acceptable-use signature", [
            { label: "Device", value: (g) => g.device.name ?? g.device.assetTag ?? g.device.serialNumber ?? g.device.id, rowHeader: true },
            { label: "Assignee", value: (g) => assignee(g.assigneeKind, g.assigneeId) },
            { label: "Override", value: (g) => (g.overridden ? `yes: ${g.overrideReason ?? ""}` : "no") },
            { label: "Assigned", value: (g) => fmt.dateTime(g.assignedAt) },
          ], data.assignedWithoutCurrentAup, { emptyMessage: "Every assigned device has a current AUP." }))];
      }),
      withStates(list, "devices", async () => {
        const { data, fetchedAt } = await getJson("/api/device-register/devices");
        /** @type {DeviceContext} */
        const ctx = { flash, reload: () => load(), changed: (m) => load(m), showRejected: (rows) => (rows.length ? clear(rejected, rejectedRows(rows)) : clear(rejected)) };
        if (manages) clear(manage, manageForms(data, ctx));
        if (keepsCustody) clear(custody, custodySection(data, ctx));
        return [freshness("the device register", fetchedAt), table(`Devices (${data.length})`, [
          { label: "Name", value: (d) => d.name ?? d.assetTag ?? d.serialNumber ?? "—", rowHeader: true },
          { label: "Kind", value: (d) => fmt.label(d.kind) }, { label: "Ownership", value: (d) => fmt.label(d.ownership) },
          { label: "Status", value: (d) => fmt.label(d.status) }, { label: "Asset tag", value: (d) => d.assetTag ?? "—" },
          { label: "Serial number", value: (d) => d.serialNumber ?? "—" },
          { label: "Assigned to", value: (d) => assignee(d.assigneeKind, d.assigneeId) },
          { label: "Custody", value: (d) => fmt.label(d.custodyState) },
        ], data, { emptyMessage: manages ? "No devices registered yet: register the first one above." : "No devices registered yet." })];
      }),
    ]);
    if (message) {
      flash.textContent = message;
      flash.focus();
    }
  };
  await load();
}

/**
 * Register, assign and return: each form reads the device's version from this page's read of the list.
 * @param devices the register's list (its OpenAPI entry names no type, so it is not typed)
 * @param {DeviceContext} ctx
 */
function manageForms(devices, ctx) {
  const assignable = devices.filter((d) => d.ownership === "school" && d.status === "active" && !d.assigneeKind && d.custodyState === "not-held");
  const assigned = devices.filter((d) => d.assigneeKind);
  return section("Register, assign and return devices",
    disclosure("Register a device", registerForm(ctx), { open: devices.length === 0 }),
    assignable.length ? disclosure("Assign a device", assignForm(assignable, ctx))
      : h("p", { class: "hint" }, "No device is free to assign: register one, or record a return."),
    assigned.length ? disclosure("Record a device's return", returnForm(assigned, ctx)) : null,
    deviceCareForms(devices, ctx));
}

/** @param {DeviceContext} ctx */
function registerForm(ctx) {
  const kind = select("device-kind", DEVICE_KINDS, "", { placeholder: "Choose the kind of device" });
  const el = form("Register a device", "Register the device",
    h("div", { class: "row" }, field("Kind of device", kind, { name: "kind" }),
      field("Name", input("device-name"), { name: "name", optional: true, hint: "How people know it, e.g. BH-LAPTOP-07." })),
    h("div", { class: "row" },
      field("Asset tag", input("device-assetTag"), { name: "assetTag", hint: "The school's label on the device." }),
      field("Serial number", input("device-serialNumber"), { name: "serialNumber", hint: "Give the asset tag, the serial number, or both." })),
    h("div", { class: "row" },
      field("Make", input("device-make"), { name: "make", optional: true }),
      field("Model", input("device-model"), { name: "model", optional: true }),
      field("Operating system", input("device-operatingSystem"), { name: "operatingSystem", optional: true })));
  const value = (id) => orNull(/** @type {Control} */ (el.querySelector(`#${id}`)).value.trim());
  onSubmit(el, {
    busy: "Registering…",
    record: "device",
    words: { kind: "Choose the kind of device." },
    starting: () => clear(ctx.flash),
    send: () => postJson("/api/device-register/devices", /** @satisfies {DeviceApi["RegisterDevice"]} */ ({
      kind: orNull(kind.value), name: value("device-name"), assetTag: value("device-assetTag"), serialNumber: value("device-serialNumber"),
      make: value("device-make"), model: value("device-model"), operatingSystem: value("device-operatingSystem"),
    })),
    done: () => ctx.changed(`${value("device-name") ?? value("device-assetTag") ?? value("device-serialNumber")} is registered.`),
  });
  return el;
}

/** @param {DeviceContext} ctx */
function assignForm(assignable, ctx) {
  const device = select("assign-device", assignable.map((d) => ({ value: d.id, label: `${deviceName(d)} (${fmt.label(d.kind)})` })), assignable[0].id);
  const kind = radios("assign-kind", "Assign to", "assigneeKind", ASSIGNEE_KINDS, "");
  const id = input("assign-assigneeId");
  const override = textarea("assign-aupOverrideReason", "", { rows: 2 });
  const el = form("Assign a device", "Assign the device",
    field("Device", device, { name: "deviceId" }),
    kind,
    field("Their school id", id, { name: "assigneeId",
      hint: "The id your school's system gives the pupil or member of staff (e.g. P-1234), or the class or room. Never a name." }),
    field("Why assign without a signed acceptable-use policy", override, { name: "aupOverrideReason", optional: true,
      hint: "Only when the person has not signed the current AUP and the device must go out anyway; shown in coverage." }));
  const chosen = () => assignable.find((d) => d.id === device.value);
  onSubmit(el, {
    busy: "Assigning…",
    record: "device",
    words: { assigneeKind: "Choose who or what the device is assigned to." },
    reload: ctx.reload,
    starting: () => clear(ctx.flash),
    send: () => postJson(`/api/device-register/devices/${encodeURIComponent(device.value)}/assignment`, /** @satisfies {DeviceApi["AssignDevice"]} */ ({
      assigneeKind: orNull(checkedValue(el, "assign-kind")), assigneeId: orNull(id.value.trim()),
      aupOverrideReason: orNull(override.value.trim()),
    }), { "If-Match": `"${chosen().version}"` }),
    done: () => ctx.changed(`${deviceName(chosen())} is assigned to ${assignee(checkedValue(el, "assign-kind"), id.value.trim())}.`),
  });
  return el;
}

/** @param {DeviceContext} ctx */
function returnForm(assigned, ctx) {
  const device = select("return-device", assigned.map((d) => ({ value: d.id,
    label: `${deviceName(d)}, with ${assignee(d.assigneeKind, d.assigneeId)}` })), assigned[0].id);
  const note = textarea("return-note", "", { rows: 2 });
  const el = form("Record a device's return", "Record the return",
    field("Device", device, { name: "deviceId" }),
    field("Note", note, { name: "note", optional: true, hint: "For example: returned with a cracked screen." }));
  const chosen = () => assigned.find((d) => d.id === device.value);
  onSubmit(el, {
    busy: "Recording…",
    record: "device",
    reload: ctx.reload,
    starting: () => clear(ctx.flash),
    send: () => postJson(`/api/device-register/devices/${encodeURIComponent(device.value)}/return`, /** @satisfies {DeviceApi["ReturnDevice"]} */ ({ note: orNull(note.value.trim()) }),
      { "If-Match": `"${chosen().version}"` }),
    done: () => ctx.changed(`${deviceName(chosen())} is back with the school.`),
  });
  return el;
}

/**
 * The trust's IT admin: every school's device coverage and its filter sources side by side (reporting's IT coverage),
 * each school's register being its own IT admin's to change.
 * @param {HTMLElement} container
 */
async function renderTrust(container) {
  const body = h("div");
  clear(container, h("h1", {}, "Devices across the trust"),
    h("p", { class: "lead" }, "Each school registers and assigns its own devices; this is every school's coverage and filter feed at a glance."),
    body);
  await withStates(body, "the trust's device coverage", async () => {
    const { data } = await /** @type {ReturnType<typeof getJson<import("../../../../../web/types/reporting").components["schemas"]["ItCoverageView"]>>} */ (
      getJson("/api/reporting/it/coverage"));
    const schools = data.schools ?? [];
    const total = (pick) => schools.reduce((n, s) => n + pick(s), 0);
    const quiet = schools.flatMap((s) => s.sources.filter((x) => x.quiet).map((x) => ({ school: s.name, ...x })));
    return [freshness("reporting", data.asOf),
      h("div", { class: "stats" },
        stat("Active devices", fmt.number(total((s) => s.devices.active))),
        stat("Assigned", fmt.number(total((s) => s.devices.assigned))),
        stat("In custody", fmt.number(total((s) => s.devices.inCustody))),
        stat("Quiet filter sources", fmt.number(quiet.length), "nothing received for 24 hours")),
      table("Device coverage by school", [
        { label: "School", value: (s) => s.name, rowHeader: true },
        { label: "Active devices", value: (s) => fmt.number(s.devices.active) },
        { label: "Assigned", value: (s) => fmt.number(s.devices.assigned) },
        { label: "Unassigned", value: (s) => fmt.number(Math.max(0, Number(s.devices.active) - Number(s.devices.assigned))) },
        { label: "With a network identity", value: (s) => fmt.number(s.devices.withNetworkIdentity) },
        { label: "In custody", value: (s) => fmt.number(s.devices.inCustody) },
        { label: "Filter sources", value: (s) => (s.sources.length === 0 ? "no events received yet" : `${s.sources.length}${s.sources.some((x) => x.quiet) ? " (some quiet)" : ""}`) },
      ], schools, { emptyMessage: "No schools are configured." }),
      section("Quiet filter sources", table("Sources with nothing received for 24 hours", [
        { label: "School", value: (x) => x.school, rowHeader: true },
        { label: "Vendor", value: (x) => fmt.label(x.vendor) },
        { label: "Last batch", value: (x) => fmt.dateTime(x.lastAcceptedAt) },
        { label: "Events", value: (x) => fmt.number(x.events) },
      ], quiet, { emptyMessage: "Every connected source has sent something in the last 24 hours." }))];
  });
}
