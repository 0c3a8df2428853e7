import { getJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, stat, withStates } from "../ui.js";

/** The school's device register: coverage (unassigned, without a current AUP, unseen, in custody) and the list. */
export async function render(container, { me }) {
  if (!me.school) {
    clear(container, h("h1", {}, "Devices"), h("p", { class: "state empty" },
      "Devices are registered per school. Sign in with a school IT account (for example it.blakehill) to see a school's register."));
    return;
  }
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
