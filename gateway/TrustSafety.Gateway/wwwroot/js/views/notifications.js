import { getJson, postJson } from "../api.js";
import { h, clear, fmt, withStates, badge, empty } from "../ui.js";

const PAGE = 25;

/** The in-app path of a notification's link (the service gives the dashboard's public address). */
export function route(link) {
  const at = (link ?? "").indexOf("#/");
  return at >= 0 ? link.slice(at) : "#/notifications";
}

const urgencyTone = { Immediate: "bad", High: "warn", Routine: "neutral" };

/** The notification centre: newest first, unread marked, each readable and markable with the keyboard. */
export async function render(container, { query, refreshCount }) {
  const page = Number(query.get("page") ?? 1);
  const status = h("p", { class: "form-status", role: "status" });
  const body = h("div");
  clear(container, h("h1", {}, "Notifications"), status, body);
  const load = () => withStates(body, "your notifications", async () => {
    const { data } = await getJson(`/api/notifications/notifications?page=${page}&pageSize=${PAGE}`);
    refreshCount?.(data.unread);
    const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
    const markAll = h("button", { type: "button", class: "button secondary", onclick: async () => {
      await postJson("/api/notifications/notifications/read", undefined);
      status.textContent = "All notifications marked read.";
      await load();
    } }, "Mark all as read");
    return [
      h("p", { class: "lead" }, data.unread ? `${data.unread} unread` : "Nothing unread.", " ", data.unread ? markAll : null),
      data.items.length === 0 ? empty("No notifications yet. New concerns, alerts, tasks given to you and overdue reminders appear here.") :
        h("ul", { class: "notifications plain" }, data.items.map((n) => h("li", { class: n.read ? "read" : "unread" },
          h("p", {}, n.read ? null : [badge("Unread", "warn"), " "], badge(n.urgency, urgencyTone[n.urgency] ?? "neutral"), " ",
            h("a", { href: route(n.link), onclick: () => { if (!n.read) postJson(`/api/notifications/notifications/${n.id}/read`, undefined).catch(() => {}); } }, n.title)),
          h("p", { class: "hint" }, fmt.dateTime(n.at),
            n.read ? null : [" · ", h("button", { type: "button", class: "button small secondary", "aria-label": `Mark read: ${n.title}`, onclick: async () => {
              await postJson(`/api/notifications/notifications/${n.id}/read`, undefined);
              status.textContent = "Marked read.";
              await load();
            } }, "Mark read")])))),
      pages > 1 ? h("nav", { class: "pager", "aria-label": "Pages" },
        page > 1 ? h("a", { href: `#/notifications?page=${page - 1}`, class: "button small secondary" }, "Newer") : null,
        h("span", {}, `Page ${page} of ${pages}`),
        page < pages ? h("a", { href: `#/notifications?page=${page + 1}`, class: "button small secondary" }, "Older") : null) : null,
    ];
  });
  await load();
}
