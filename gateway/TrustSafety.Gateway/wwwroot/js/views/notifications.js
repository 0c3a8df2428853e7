// @ts-check
import { getJson, postJson, putJson, ApiError } from "../api.js";
import { h, clear, fmt, withStates, badge, empty } from "../ui.js";
import { field, input, form, onSubmit, disclosure } from "../forms.js";

/** @typedef {import("../../../../../web/types/notifications").components["schemas"]} NotificationsApi */

const PAGE = 25;

/**
 * The in-app path of a notification's link (the service gives the dashboard's public address).
 * @param {string | null | undefined} link
 */
export function route(link) {
  const at = (link ?? "").indexOf("#/");
  return at >= 0 ? link.slice(at) : "#/notifications";
}

const urgencyTone = { Immediate: "bad", High: "warn", Routine: "neutral" };

/**
 * The notification centre: newest first, unread marked, each readable and markable with the keyboard.
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function render(container, { query, refreshCount }) {
  const page = Number(query.get("page") ?? 1);
  const status = h("p", { class: "form-status", role: "status" });
  const body = h("div");
  const settings = h("div");
  clear(container, h("h1", {}, "Notifications"), status, body, settings);
  renderSettings(settings).catch(() => {});
  const load = () => withStates(body, "your notifications", async () => {
    const { data } = await /** @type {ReturnType<typeof getJson<NotificationsApi["NotificationPage"]>>} */ (
      getJson(`/api/notifications/notifications?page=${page}&pageSize=${PAGE}`));
    refreshCount?.(data.unread);
    const pages = Math.max(1, Math.ceil(Number(data.total) / Number(data.pageSize)));
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

/**
 * The caller's own email settings (PUT /preferences replaces them all, so deputy cover and a future out-of-office date
 * are sent back as they were). Roles that cannot receive email (governors) see nothing here.
 * @param {HTMLElement} container
 */
async function renderSettings(container) {
  /** @type {NotificationsApi["PreferencesView"]} */
  let prefs;
  try {
    prefs = (await /** @type {ReturnType<typeof getJson<NotificationsApi["PreferencesView"]>>} */ (getJson("/api/notifications/preferences"))).data;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 401)) return;
    throw error;
  }
  const email = input("pref-email", { type: "email", autocomplete: "email", value: prefs.email ?? "" });
  const urgent = h("input", { type: "checkbox", id: "pref-urgent", name: "pref-urgent", checked: prefs.urgentEmails });
  const digest = h("input", { type: "checkbox", id: "pref-digest", name: "pref-digest", checked: prefs.dailyDigest });
  const digestTime = input("pref-digest-time", { type: "time", value: prefs.digestTime ?? "07:30" });
  const el = form("Your email settings", "Save email settings",
    field("Your email address", email, { name: "email", optional: true, hint: "Where TrustSafety emails you. Emails never contain names or details of a case." }),
    h("div", { class: "field checkbox" }, urgent, h("label", { for: "pref-urgent" }, " Email me at once about urgent things (new concerns, serious alerts)")),
    h("div", { class: "field checkbox", "data-field": "dailyDigest" }, digest,
      h("label", { for: "pref-digest" }, " Send me a daily digest"),
      h("p", { class: "hint", id: "pref-digest-hint" },
        "One email each school day (Monday to Friday) with counts of what needs your attention and a link to your queue. "
        + "No digest is sent on a day with nothing to report, or while you are out of office.")),
    field("Digest time (UK time)", digestTime, { name: "digestTime", hint: "When the daily digest is sent, e.g. 07:30." }));
  onSubmit(el, {
    record: "email settings",
    send: () => /** @type {Promise<NotificationsApi["PreferencesView"]>} */ (putJson("/api/notifications/preferences", /** @satisfies {NotificationsApi["PreferencesChange"]} */ ({
      email: email.value.trim() || null,
      urgentEmails: urgent.checked,
      deputyCover: prefs.deputyCover,
      awayUntil: prefs.awayUntil && new Date(prefs.awayUntil) > new Date() ? prefs.awayUntil : null,
      dailyDigest: digest.checked,
      digestTime: digestTime.value || null,
    }))),
    done: (result) => {
      prefs = result;
      el.querySelector(".form-status").textContent = prefs.dailyDigest
        ? `Saved. Your daily digest comes at ${prefs.digestTime} on school days when something needs your attention.`
        : "Saved. No daily digest.";
    },
  });
  clear(container, disclosure("Your email settings", el, { open: false }));
}
