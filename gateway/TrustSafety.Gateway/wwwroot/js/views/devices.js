import { getJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, stat, withStates } from "../ui.js";

/** The school's device register: coverage (unassigned, without a current AUP, unseen, in custody) and the list. */
export async function render(container, { me }) {
  if (!me.school) return renderTrust(container);
  const coverage = h("div");
  const list = h("div");
  clear(container, h("h1", {}, "Devices"), coverage, h("section", { class: "panel", "aria-labelledby": "dev-list" }, h("h2", { id: "dev-list" }, "Register"), list));
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
          { label: "Assignee", value: (g) => `${g.assigneeKind} ${g.assigneeId}` },
          { label: "Override", value: (g) => (g.overridden ? `yes: ${g.overrideReason ?? ""}` : "no") },
          { label: "Assigned", value: (g) => fmt.dateTime(g.assignedAt) },
        ], data.assignedWithoutCurrentAup, { emptyMessage: "Every assigned device has a current AUP." }))];
    }),
    withStates(list, "devices", async () => {
      const { data, fetchedAt } = await getJson("/api/device-register/devices");
      return [freshness("the device register", fetchedAt), table(`Devices (${data.length})`, [
        { label: "Name", value: (d) => d.name ?? d.assetTag ?? d.serialNumber ?? "—", rowHeader: true },
        { label: "Kind", value: (d) => fmt.label(d.kind) }, { label: "Ownership", value: (d) => fmt.label(d.ownership) },
        { label: "Status", value: (d) => fmt.label(d.status) }, { label: "Asset tag", value: (d) => d.assetTag ?? "—" },
        { label: "Assigned to", value: (d) => (d.assigneeKind ? `${d.assigneeKind} ${d.assigneeId}` : "unassigned") },
        { label: "Custody", value: (d) => fmt.label(d.custodyState) },
      ], data, { emptyMessage: "No devices registered yet." })];
    }),
  ]);
}

/**
 * The trust's IT admin: every school's device coverage and its filter sources side by side (reporting's IT coverage),
 * each school's register being its own IT admin's to change.
 */
async function renderTrust(container) {
  const body = h("div");
  clear(container, h("h1", {}, "Devices across the trust"),
    h("p", { class: "lead" }, "Each school registers and assigns its own devices; this is every school's coverage and filter feed at a glance."),
    body);
  await withStates(body, "the trust's device coverage", async () => {
    const { data } = await getJson("/api/reporting/it/coverage");
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
        { label: "Unassigned", value: (s) => fmt.number(Math.max(0, s.devices.active - s.devices.assigned)) },
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
