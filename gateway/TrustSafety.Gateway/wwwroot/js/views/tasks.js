// @ts-check
import { getJson, postJson } from "../api.js";
import { h, clear, fmt, freshness, table, withStates, badge, empty } from "../ui.js";
import { field, textarea, form, onSubmit, disclosure } from "../forms.js";

const SAFEGUARDING = ["dsl", "deputy-dsl", "headteacher"];

/** @typedef {import("../../../../../web/types/incident").components["schemas"]["TaskItem"]} TaskItem */

/**
 * "Due in 3 days", "Due today", "Overdue by 2 days": how a person reads a due date.
 * @param {Pick<TaskItem, "overdue" | "daysOverdue" | "dueOn">} t
 */
export function dueWords(t) {
  if (t.overdue) return badge(`Overdue by ${t.daysOverdue} day${t.daysOverdue === 1 ? "" : "s"}`, "bad");
  const days = Math.round((new Date(t.dueOn + "T00:00:00Z").getTime() - new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z").getTime()) / 86_400_000);
  return days <= 0 ? badge("Due today", "warn") : h("span", {}, `Due in ${days} day${days === 1 ? "" : "s"}`);
}

/**
 * The caller's tasks (any member of staff) and, for the safeguarding team, every open task on their cases. A task is
 * completed here with what was done; If-Match is the incident's version from the list.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { me }) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const mine = h("div");
  const team = h("div");
  const manages = me.has(...SAFEGUARDING);
  clear(container, h("h1", {}, "My tasks"), flash,
    h("section", { class: "panel", "aria-labelledby": "mine-h" }, h("h2", { id: "mine-h" }, "Tasks given to you"), mine),
    manages ? h("section", { class: "panel", "aria-labelledby": "team-h" }, h("h2", { id: "team-h" }, "Every open task on your school's incidents"), team) : null);

  const load = async (message) => {
    await withStates(mine, "your tasks", async () => {
      const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<TaskItem[]>>} */ (getJson("/api/incident/tasks/mine"));
      return [freshness("the incident service", fetchedAt),
        data.length === 0 ? empty("Nobody has given you a task. When the DSL does, it appears here and you are told.") :
          h("ul", { class: "tasks plain" }, data.map((t) => h("li", { class: `task${t.overdue ? " overdue" : ""}` },
            h("p", { class: "task-what" }, t.what),
            h("p", {}, dueWords(t), ` · due ${fmt.date(t.dueOn)} · from ${t.assignedByName}`,
              manages ? [" · ", h("a", { href: `#/incidents/${t.incidentId}` }, "Open the incident")] : null),
            disclosure("Mark this task done", completeForm(t, (m) => load(m)))))),
      ];
    });
    if (manages) {
      await withStates(team, "open tasks", async () => {
        const { data, fetchedAt } = await /** @type {ReturnType<typeof getJson<TaskItem[]>>} */ (getJson("/api/incident/tasks"));
        return [freshness("the incident service", fetchedAt), table(`Open tasks (${data.length})`, [
          { label: "Task", value: (t) => h("a", { href: `#/incidents/${t.incidentId}` }, t.what), rowHeader: true },
          { label: "Given to", value: (t) => t.assigneeName },
          { label: "Due", value: (t) => [fmt.date(t.dueOn), " ", dueWords(t)] },
          { label: "Given by", value: (t) => t.assignedByName },
        ], data, { emptyMessage: "No task is open on your school's incidents." })];
      });
    }
    if (message) { flash.textContent = message; flash.focus(); }
  };
  await load();
}

/**
 * @param {TaskItem} t
 * @param {(message?: string) => unknown} done
 */
export function completeForm(t, done) {
  const el = form(`Mark the task done: ${t.what}`, "Mark as done",
    field("What was done", textarea(`task-${t.taskId}-outcome`), { name: "outcome", ask: "Say what was done",
      hint: "For example: spoke to the form tutor on Tuesday; no further concerns." }));
  onSubmit(el, {
    send: () => postJson(`/api/incident/incidents/${t.incidentId}/tasks/${t.taskId}/complete`,
      /** @satisfies {import("../../../../../web/types/incident").components["schemas"]["CompleteTaskRequest"]} */ ({ outcome: el.querySelector("textarea").value.trim() || null }),
      { "If-Match": `"${t.incidentVersion}"` }),
    done: () => done("Task marked done. The DSL can see it on the incident."),
    reload: () => done(),
    record: "task",
  });
  return el;
}
