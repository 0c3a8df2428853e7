// @ts-check
// One incident (#/incidents/:id): what happened, triage, actions, referrals, tasks and the timeline, with the forms that
// change it for those who may. The list of incidents is views/incidentlist.js.
import { getJson, postJson } from "../api.js";
import { pupilNames, pupilLabel, pupilField } from "../pupils.js";
import { h, clear, fmt, freshness, table, section, withStates, badge, empty } from "../ui.js";
import { field, input, textarea, select as choose, radios, checkedValue, disclosure, form, onSubmit, today } from "../forms.js";
import { caseFilesSections, AGENCIES } from "./casefiles.js";
import { categories, FOUR_C, SEVERITIES, PERSON_ROLES, DESTINATIONS, ACTION_KINDS, STAFF_ROLES, OUTCOMES, REFERRAL_OUTCOMES, ROUTE_STATES, labelOf } from "../lists.js";
import { dueWords } from "./tasks.js";
import { correctPeopleForm, canCorrectPeople } from "./people.js";
import { statusTone } from "./incidentlist.js";

/** @typedef {import("../../../../../web/types/incident").components["schemas"]["IncidentView"]} IncidentView */
/** @typedef {import("../../../../../web/types/incident").components["schemas"]} IncidentApi */

/**
 * What the page's forms share: where to announce, the incident's id and the ETag to send back, who is signed in, the
 * category list, the pupils' names from the roster, and how to read the page again (with a message).
 * @typedef {{ flash: HTMLElement, incidentId: string, etag: string, me: import("../auth.js").Me,
 *   categories: import("../lists.js").Option[], names: Awaited<ReturnType<typeof pupilNames>>, reload: () => void,
 *   changed: (message?: string) => void }} IncidentContext
 */

const SAFEGUARDING = ["dsl", "deputy-dsl", "headteacher"];

/**
 * One incident: what happened, triage, actions, referrals and the timeline. Reading it is recorded in its access log.
 * The safeguarding team also gets the forms that change it; each sends If-Match with the ETag of this read, and the
 * page is read again after every change (so the next change carries the new ETag).
 * @param {HTMLElement} container
 * @param {import("../ui.js").ViewContext} context
 */
export async function renderOne(container, { params, query, me }) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  const body = h("div");
  clear(container, h("p", {}, h("a", { href: "#/incidents" }, "Back to incidents")), flash, body);

  const load = async (message) => {
    clear(flash);
    await withStates(body, "the incident", async () => {
      const [{ data: i, fetchedAt, etag }, categoryList] = await Promise.all([
        /** @type {ReturnType<typeof getJson<IncidentView>>} */ (getJson(`/api/incident/incidents/${encodeURIComponent(params.id)}?purpose=${encodeURIComponent("dashboard review")}`)), categories()]);
      // Names come from the school roster (consent), to the roles it names pupils to; otherwise the internal id shows.
      const names = await pupilNames([...(i.people ?? []).map((p) => p.pupilId)]);
      return view(i, fetchedAt, { flash, incidentId: i.id, etag: etag ?? `"${i.version}"`, me, categories: categoryList, names,
        reload: () => load(), changed: (m) => load(m) });
    });
    if (message) {
      flash.textContent = message;
      flash.focus();
    }
  };
  await load(query?.get("reported") ? "Your concern has been recorded. Thank you." : undefined);
}

/**
 * @param {IncidentView} i
 * @param {Date} fetchedAt
 * @param {IncidentContext} ctx
 */
function view(i, fetchedAt, ctx) {
  const dl = (pairs) => h("dl", { class: "facts" }, pairs.filter(Boolean).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "—")]));
  const manages = !i.caseWorkHidden && ctx.me.has(...SAFEGUARDING);
  const open = i.status !== "closed";
  const awaiting = (i.referrals ?? []).filter((r) => !r.outcome);
  const steps = i.route?.steps ?? [];
  const openSteps = steps.filter((s) => s.state === "open");
  const openRequired = openSteps.filter((s) => s.level === "required");
  return [
    h("h1", {}, `Incident: ${i.category ?? i.suggestedCategory ? labelOf(ctx.categories, i.category ?? i.suggestedCategory) : "uncategorised"}`),
    freshness("the incident service", fetchedAt),
    h("p", {}, badge(fmt.label(i.status), statusTone(i.status)), i.allegationAgainstStaff ? badge("allegation against staff", "warn") : null),
    section("What happened", h("p", { class: "prose" }, i.whatHappened), dl([
      ["Reported", `${fmt.dateTime(i.reportedAt)} by ${i.reportedByName}`], ["Happened", fmt.dateTime(i.happenedAt)],
      ["Where", `${fmt.label(i.location?.site)}, ${fmt.label(i.location?.device)}${i.location?.detail ? ` (${i.location.detail})` : ""}`],
      ["How it came to light", i.howItCameToLight], ["Source", fmt.label(i.source)],
      ["Category", labelOf(ctx.categories, i.category)], ["4C", i.fourC], ["Severity", i.severity],
    ])),
    i.filterAlert ? section("Filter alert", dl([
      ["Vendor", i.filterAlert.vendor], ["Filter category", fmt.label(i.filterAlert.category)],
      ["Severity", `${i.filterAlert.severity} of 5${i.filterAlert.vendorSeverity ? ` (vendor: ${i.filterAlert.vendorSeverity})` : ""}`],
      ["Action", fmt.label(i.filterAlert.action)],
      ...(i.filterAlert.searchTerm ? [["Search term", i.filterAlert.searchTerm]] : []),
      ...(i.filterAlert.url ? [["Web address", i.filterAlert.url]] : []),
      ...(/^https?:\/\//i.test(i.filterAlert.vendorLink ?? "") ? [["At the vendor", h("a", { href: i.filterAlert.vendorLink, target: "_blank", rel: "noopener noreferrer" }, "Open the alert in the vendor's console")]] : []),
    ])) : null,
    section("People involved", table("People involved", [
      { label: "Role", value: (p) => labelOf(PERSON_ROLES, p.role), rowHeader: true },
      { label: "Pupil", value: (p) => (!p.pupilId ? "—" : ctx.me.has("dsl")
        ? h("a", { href: `#/pupils/${encodeURIComponent(p.pupilId)}` }, pupilLabel(ctx.names, p.pupilId)) : pupilLabel(ctx.names, p.pupilId)) }, { label: "Staff id", value: (p) => p.staffId ?? p.name ?? "—" },
    ], i.people ?? [], { emptyMessage: "No one recorded." }),
      manages && open && canCorrectPeople(ctx.me) ? disclosure("Correct the people involved", correctPeopleForm(i, ctx, wire)) : null),
    i.caseWorkHidden ? h("p", { class: "note" }, "Case work (triage, actions, referrals) is visible to the safeguarding team only.") : [
      section("Triage",
        i.triage ? dl([["By", `${i.triage.byName}, ${fmt.dateTime(i.triage.at)}`], ["Illegal", i.triage.illegal ? "yes" : "no"],
          ["Handler", i.triage.handlerName ?? i.triage.handlerId], ["Rationale", i.triage.rationale]]) : empty("Not triaged yet."),
        manages && open ? disclosure(i.triage ? "Change the triage" : "Triage this incident", triageForm(i, ctx), { open: !i.triage }) : null),
      steps.length ? section("Route",
        h("p", { class: "hint" }, `The steps the trust's route rules (version ${i.route.rulesVersion}) give this triage. `
          + "A required step must be done, or a decision not to take it recorded with its rationale, before the incident can close."),
        table("Route steps", [
          { label: "Step", value: (s) => s.label, rowHeader: true },
          { label: "Level", value: (s) => badge(s.level, s.level === "required" ? "warn" : "neutral") },
          { label: "State", value: (s) => badge(labelOf(ROUTE_STATES, s.state), s.state === "open" ? (s.level === "required" ? "warn" : "neutral") : "good") },
          { label: "How", value: (s) => s.state === "open" ? "—" : s.state === "declined" ? `${s.rationale} (${s.by}, ${fmt.dateTime(s.at)})`
            : `${fmt.label(s.satisfiedBy)} by ${s.by}, ${fmt.dateTime(s.at)}` },
        ], steps, { className: "route" }),
        manages && open && openSteps.length ? disclosure("Record a decision not to take a step", declineForm(openSteps, ctx)) : null) : null,
      caseFilesSections(i, ctx, manages, open),
      section("Actions", table("Actions taken", [
        { label: "When", value: (a) => fmt.dateTime(a.at), rowHeader: true }, { label: "Kind", value: (a) => labelOf(ACTION_KINDS, a.kind) },
        { label: "What", value: (a) => a.what }, { label: "Why", value: (a) => a.why }, { label: "By", value: (a) => a.byName },
      ], i.actions ?? [], { emptyMessage: "No actions recorded." }),
        manages && open ? disclosure("Record an action", actionForm(i, ctx)) : null),
      section("Tasks", table("Tasks given to colleagues", [
        { label: "Task", value: (t) => t.what, rowHeader: true },
        { label: "Given to", value: (t) => t.assigneeName },
        { label: "Due", value: (t) => [fmt.date(t.dueOn), " ", t.completedAt ? null : dueWords(taskDue(t))] },
        { label: "Done", value: (t) => t.completedAt ? `${fmt.dateTime(t.completedAt)} by ${t.completedByName}: ${t.outcome}` : badge("open", "warn") },
        { label: "Given by", value: (t) => t.byName },
      ], i.tasks ?? [], { emptyMessage: "No tasks given." }),
        manages && open ? disclosure("Give a colleague a task", taskForm(ctx)) : null,
        manages && (i.tasks ?? []).some((t) => !t.completedAt) ? disclosure("Record a task done", taskDoneForm(i.tasks.filter((t) => !t.completedAt), ctx)) : null),
      section("Referrals", table("Referrals", [
        { label: "Destination", value: (r) => labelOf(DESTINATIONS, r.destination), rowHeader: true }, { label: "Reference", value: (r) => r.referenceNumber },
        { label: "Made", value: (r) => fmt.date(r.madeOn) }, { label: "Due", value: (r) => fmt.date(r.dueOn) },
        { label: "Outcome", value: (r) => r.outcome != null ? `${[r.outcomeCode ? labelOf(REFERRAL_OUTCOMES, r.outcomeCode) : null, r.outcome || null]
          .filter(Boolean).join(": ")} (${fmt.date(r.outcomeReceivedOn)})` : badge("awaited", "warn") },
      ], i.referrals ?? [], { emptyMessage: "No referrals made." }),
        manages && open ? disclosure("Make a referral", referralForm(ctx)) : null,
        manages && awaiting.length ? disclosure("Record a referral outcome", outcomeForm(awaiting, ctx)) : null),
      (i.reopenings ?? []).length ? section("Reopened", h("ul", { class: "plain" }, i.reopenings.map((r) =>
        h("li", {}, `${fmt.dateTime(r.at)} by ${r.byName}: ${r.reason}`)))) : null,
      i.closure ? section("Closure", dl([["Closed", `${fmt.dateTime(i.closure.at)} by ${i.closure.byName}`], ["Outcome",
        [i.closure.outcomeCode ? labelOf(OUTCOMES, i.closure.outcomeCode) : null, i.closure.outcome || null].filter(Boolean).join(": ")],
        ["Rationale", i.closure.rationale], ["Lessons learnt", i.closure.lessonsLearnt]]),
        manages ? disclosure("Reopen the incident", reopenForm(ctx)) : null)
        : manages ? section("Closure",
          h("p", { class: "hint" }, "Closing is a decision: record the outcome, why it can be closed, and the lessons for the policy review. Every referral needs its outcome first."),
          openRequired.length ? h("p", { class: "note" }, `Required steps still open: ${openRequired.map((s) => s.label).join("; ")}.`) : null,
          disclosure("Close the incident", closeForm(ctx))) : null,
    ],
    section("Timeline", (i.timeline ?? []).length === 0 ? empty("Nothing on the timeline yet.") :
      h("ol", { class: "timeline" }, i.timeline.map((t) => h("li", {},
        h("time", { datetime: t.at }, fmt.dateTime(t.at)), " ", h("strong", {}, fmt.label(t.kind)), ` – ${t.summary}`, t.by ? ` (${t.by})` : "")))),
  ];
}

/**
 * Posts a change to this incident with If-Match; on success the page is read again and `message` announced.
 * @param {HTMLFormElement} el
 * @param {IncidentContext} ctx
 * @param {string | (() => string)} path
 * @param {() => object} body
 * @param {string} message
 */
function wire(el, ctx, path, body, message) {
  onSubmit(el, {
    send: () => postJson(`/api/incident/incidents/${ctx.incidentId}/${typeof path === "function" ? path() : path}`, body(), { "If-Match": ctx.etag }),
    done: () => ctx.changed(message),
    starting: () => clear(ctx.flash),
    reload: ctx.reload,
  });
  return el;
}

const orNull = (v) => (v === "" || v === undefined ? null : v);

/**
 * The handler, chosen from the school's staff (identity's /staff, safeguarding team first). Until the list arrives, or
 * if it cannot, the select still offers the current handler (or the signed-in user), so triage never depends on it.
 */
/**
 * @param {IncidentContext} ctx
 * @param {IncidentApi["TriageRecord"] | null} t
 */
function handlerPicker(ctx, t) {
  const current = t ? { id: t.handlerId, name: t.handlerName ?? t.handlerId } : { id: ctx.me.id, name: ctx.me.name };
  const names = new Map([[current.id, current.name]]);
  const control = h("select", { id: "triage-handlerId", name: "triage-handlerId" },
    h("option", { value: current.id, selected: true }, current.id === ctx.me.id ? `${current.name} (me)` : current.name));
  const status = h("p", { class: "hint", id: "triage-handlerId-status", role: "status" });
  const retry = h("button", { type: "button", class: "button secondary", hidden: true, onclick: () => load() }, "Try loading the staff list again");
  const wrapper = field("Handler", control, { name: "handlerId", hint: "Who handles this incident: your school's staff, safeguarding team first." });
  control.setAttribute("aria-describedby", `${control.getAttribute("aria-describedby")} ${status.id}`);
  wrapper.append(status, retry);

  const optionFor = (s) => {
    names.set(s.id, s.name);
    const roles = (s.roles ?? []).map((r) => labelOf(STAFF_ROLES, r)).join(", ");
    return h("option", { value: s.id, selected: s.id === current.id }, `${s.name} (${s.id === ctx.me.id ? "me, " : ""}${roles})`);
  };

  async function load() {
    retry.hidden = true;
    control.setAttribute("aria-busy", "true");
    status.textContent = "Loading your school's staff…";
    try {
      const { data } = await getJson("/api/identity/staff");
      const staff = data.staff ?? [];
      const team = staff.filter((s) => s.roles.some((r) => SAFEGUARDING.includes(r)));
      const others = staff.filter((s) => !team.includes(s));
      const listed = staff.some((s) => s.id === current.id);
      clear(control,
        listed ? null : h("option", { value: current.id, selected: true }, `${current.name} (current handler, not in the staff list)`),
        team.length ? h("optgroup", { label: "Safeguarding team" }, team.map(optionFor)) : null,
        others.length ? h("optgroup", { label: "Other staff" }, others.map(optionFor)) : null);
      status.textContent = staff.length ? "" : "No staff accounts were found for your school.";
    } catch (error) {
      if (error?.status === 401) return;
      status.textContent = `Could not load your school's staff (${error?.message ?? error}). You can still keep the handler shown.`;
      retry.hidden = false;
    } finally {
      control.removeAttribute("aria-busy");
    }
  }

  load();
  return { wrapper, chosen: () => ({ handlerId: orNull(control.value), handlerName: names.get(control.value) ?? null }) };
}

/** @param {IncidentView} i @param {IncidentContext} ctx */
function triageForm(i, ctx) {
  const t = i.triage;
  const illegal = radios("triage-illegal", "Is the activity illegal?", "illegal",
    [{ value: "true", label: "Yes, illegal" }, { value: "false", label: "No, inappropriate but not illegal" }], t ? String(t.illegal) : "");
  const category = choose("triage-category", ctx.categories, t?.category ?? i.suggestedCategory, { placeholder: "Choose a category" });
  const fourC = choose("triage-fourC", FOUR_C, t?.fourC ?? i.suggestedFourC, { placeholder: "Choose the 4C area" });
  const severity = choose("triage-severity", SEVERITIES, t?.severity, { placeholder: "Choose a severity" });
  const handler = handlerPicker(ctx, t);
  const rationale = textarea("triage-rationale", "", { rows: 3 });
  const el = form("Triage", "Record triage",
    illegal,
    h("div", { class: "row" }, field("Category", category, { name: "category" }), field("4C risk area", fourC, { name: "fourC" }),
      field("Severity", severity, { name: "severity", hint: "1 (low) to 5 (critical)" })),
    handler.wrapper,
    field("Rationale", rationale, { name: "rationale", hint: "Why this category and severity." }));
  return wire(el, ctx, "triage", () => {
    const chosen = checkedValue(el, "triage-illegal");
    return /** @satisfies {IncidentApi["TriageRequest"]} */ ({
      illegal: chosen === "" ? null : chosen === "true", category: orNull(category.value), fourC: orNull(fourC.value),
      severity: severity.value ? Number(severity.value) : null,
      ...handler.chosen(),
      rationale: rationale.value,
    });
  }, "Triage recorded.");
}

/**
 * Each kind of action has its own fields; choosing a kind swaps them.
 * @param {IncidentView} i
 * @param {IncidentContext} ctx
 */
function actionForm(i, ctx) {
  const pupils = [...new Set((i.people ?? []).map((p) => p.pupilId).filter(Boolean))].map((p) => ({ value: p, label: pupilLabel(ctx.names, p) }));
  const pupil = () => field("Pupil", choose("action-pupilId", pupils, "", { placeholder: "Not about one pupil" }), { name: "pupilId", optional: true });
  const why = (label, hint) => field(label, textarea("action-rationale"), { name: "rationale", hint });
  const fieldsFor = {
    "parents-informed": () => [
      h("div", { class: "row" }, field("Date informed", input("action-informedOn", { type: "date", value: today(), max: today() }), { name: "informedOn" }),
        field("Who was informed", input("action-whom"), { name: "whom", hint: "For example: mother, both parents, carer." })),
      why("Why they were informed now")],
    "parents-not-informed": () => [field("Why they are not informed", textarea("action-reason"), { name: "reason",
      hint: "For example: informing them could place the child at risk." })],
    "sanction": () => [field("Sanction", input("action-sanction"), { name: "sanction", hint: "Under the behaviour policy." }), pupil(), why("Why this sanction")],
    "support": () => [field("Support offered", input("action-support"), { name: "support", hint: "For example: pastoral sessions, counselling." }), pupil(), why("Why this support")],
    "headteacher-informed": () => [
      field("Date informed", input("action-informedOn", { type: "date", value: today(), max: today() }), { name: "informedOn" }),
      why("What they were told and why now")],
    "advice-sought": () => [
      h("div", { class: "row" }, field("Date advice was sought", input("action-soughtOn", { type: "date", value: today(), max: today() }), { name: "soughtOn" }),
        field("Advice from", input("action-whom"), { name: "whom", hint: "For example: the local authority's safeguarding advice line, MASH." })),
      field("Agency in the directory", choose("action-agency", AGENCIES, "", { placeholder: "Not one of the directory's agencies" }),
        { name: "agency", optional: true, hint: "Their numbers are on the Agencies page." }),
      field("What was advised", textarea("action-advice"), { name: "advice" })],
    "device-secured": () => [
      h("div", { class: "row" }, field("Device asset tag or id", input("action-deviceReference"), { name: "deviceReference", hint: "Links the device's custody chain here." }),
        field("Where it is kept", input("action-sealedLocation"), { name: "sealedLocation", optional: true })),
      why("Why it was secured", "For example: it may hold evidence; not shut down, moved to a secure place.")],
  };
  const kind = choose("action-kind", ACTION_KINDS, ACTION_KINDS[0].value);
  const fields = h("div", { class: "kind-fields" });
  const show = () => clear(fields, fieldsFor[kind.value]());
  kind.addEventListener("change", show);
  show();
  const el = form("Record an action", "Record the action", field("What was done", kind), fields);
  return wire(el, ctx, () => `actions/${kind.value}`, () => {
    const body = {};
    for (const c of /** @type {NodeListOf<import("../forms.js").Control>} */ (fields.querySelectorAll("[data-field]"))) body[c.dataset.field] = orNull(c.value.trim());
    return body;
  }, "Action recorded.");
}

/**
 * A decision not to take an open step of the route, with its rationale (kept with the incident, audited).
 * @param {IncidentApi["RouteView"]["steps"]} openSteps
 * @param {IncidentContext} ctx
 */
function declineForm(openSteps, ctx) {
  const step = choose("decline-step", openSteps.map((s) => ({ value: s.step, label: `${s.label} (${s.level})` })), openSteps[0].step);
  const el = form("Record a decision not to take a step", "Record the decision",
    field("Step", step, { name: "step" }),
    field("Rationale", textarea("decline-rationale"), { name: "rationale", hint: "Why the step is not taken, e.g. the police already hold the case (their reference)." }));
  return wire(el, ctx, () => `route-steps/${encodeURIComponent(step.value)}/decline`, () => (/** @satisfies {IncidentApi["DeclineRouteStepRequest"]} */ ({ rationale: orNull(values(el).rationale) })),
    "Decision recorded.");
}

/** @param {IncidentContext} ctx */
function referralForm(ctx) {
  const destination = choose("referral-destination", DESTINATIONS, "", { placeholder: "Choose where it was referred" });
  const el = form("Make a referral", "Record the referral",
    h("div", { class: "row" }, field("Destination", destination, { name: "destination" }),
      field("Agency reference", input("referral-referenceNumber"), { name: "referenceNumber", hint: "Or \u201cpending\u201d if none yet." })),
    h("div", { class: "row" }, field("Made on", input("referral-madeOn", { type: "date", value: today(), max: today() }), { name: "madeOn" }),
      field("Outcome due by", input("referral-dueOn", { type: "date" }), { name: "dueOn", hint: "When you expect a response." })),
    field("Rationale", textarea("referral-rationale"), { name: "rationale", hint: "Why this referral: the threshold met." }));
  return wire(el, ctx, "referrals", () => values(el), "Referral recorded.");
}

/** @param {IncidentApi["ReferralRecord"][]} awaiting @param {IncidentContext} ctx */
function outcomeForm(awaiting, ctx) {
  const referral = choose("outcome-referral", awaiting.map((r) => ({ value: r.id,
    label: `${labelOf(DESTINATIONS, r.destination)}, ${r.referenceNumber}, made ${fmt.date(r.madeOn)}` })), awaiting[0].id);
  const el = form("Record a referral outcome", "Record the outcome",
    field("Referral", referral, { name: "referralId" }),
    h("div", { class: "row" }, field("Referral outcome", choose("outcome-outcomeCode", REFERRAL_OUTCOMES, "", { placeholder: "Choose what the agency decided" }),
      { name: "outcomeCode", hint: "Reporting sees only this." }),
      field("Received on", input("outcome-receivedOn", { type: "date", value: today(), max: today() }), { name: "receivedOn" })),
    field("In the agency's words", input("outcome-outcome"), { name: "outcome", optional: true, hint: "Kept sealed in the incident." }));
  return wire(el, ctx, () => `referrals/${encodeURIComponent(referral.value)}/outcome`, () => {
    const { outcomeCode, outcome, receivedOn } = values(el);
    return /** @satisfies {IncidentApi["ReferralOutcomeRequest"]} */ ({ outcomeCode, outcome, receivedOn });
  }, "Referral outcome recorded.");
}

/**
 * Overdue when its due day has passed (UTC, as the incident service counts it).
 * @param {IncidentApi["TaskRecord"]} t
 */
function taskDue(t) {
  const today = new Date().toISOString().slice(0, 10);
  const days = Math.round((new Date(today + "T00:00:00Z").getTime() - new Date(t.dueOn + "T00:00:00Z").getTime()) / 86_400_000);
  return { ...t, overdue: t.dueOn < today, daysOverdue: Math.max(0, days) };
}

/**
 * A colleague from the school's staff list (identity's /staff), what to do, and by when.
 * @param {IncidentContext} ctx
 */
function taskForm(ctx) {
  const names = new Map();
  const assignee = h("select", { id: "task-assigneeId", name: "task-assigneeId" }, h("option", { value: "" }, "Loading your school's staff…"));
  const status = h("p", { class: "hint", role: "status" });
  (async () => {
    try {
      const { data } = await getJson("/api/identity/staff");
      const staff = data.staff ?? [];
      for (const s of staff) names.set(s.id, s.name);
      const optionFor = (s) => h("option", { value: s.id }, `${s.name}${s.id === ctx.me.id ? " (me)" : ""} (${(s.roles ?? []).map((r) => labelOf(STAFF_ROLES, r)).join(", ")})`);
      const team = staff.filter((s) => s.roles.some((r) => SAFEGUARDING.includes(r)));
      const others = staff.filter((s) => !team.includes(s));
      clear(assignee, h("option", { value: "" }, "Choose a colleague"),
        others.length ? h("optgroup", { label: "Staff" }, others.map(optionFor)) : null,
        team.length ? h("optgroup", { label: "Safeguarding team" }, team.map(optionFor)) : null);
    } catch (error) {
      if (error?.status === 401) return;
      clear(assignee, h("option", { value: "" }, "The staff list could not be loaded"));
      status.textContent = `Could not load your school's staff (${error?.message ?? error}). Reload the page to try again.`;
    }
  })();
  const el = form("Give a colleague a task", "Give the task",
    field("Colleague", assignee, { name: "assigneeId", ask: "Choose the colleague who will do it", hint: "From your school's staff list. They are told by email and in the dashboard." }),
    status,
    field("What they should do", textarea("task-what"), { name: "what", ask: "Say what they should do",
      hint: "Only what they need to act on: they see this task, not the whole case." }),
    field("Due by", input("task-dueOn", { type: "date", min: today() }), { name: "dueOn", ask: "Choose the date it should be done by" }));
  return wire(el, ctx, "tasks", () => (/** @satisfies {IncidentApi["AssignTaskRequest"]} */ ({
    assigneeId: orNull(assignee.value), assigneeName: names.get(assignee.value) ?? null,
    what: orNull(/** @type {HTMLTextAreaElement} */ (el.querySelector("#task-what")).value.trim()),
    dueOn: orNull(/** @type {HTMLInputElement} */ (el.querySelector("#task-dueOn")).value),
  })), "Task given. They have been told.");
}

/** @param {IncidentApi["TaskRecord"][]} open @param {IncidentContext} ctx */
function taskDoneForm(open, ctx) {
  const task = choose("task-done-task", open.map((t) => ({ value: t.id, label: `${t.assigneeName}: ${t.what}` })), open[0].id);
  const el = form("Record a task done", "Record it done",
    field("Task", task, { name: "taskId" }),
    field("What was done", textarea("task-done-outcome"), { name: "outcome", ask: "Say what was done" }));
  return wire(el, ctx, () => `tasks/${encodeURIComponent(task.value)}/complete`,
    () => (/** @satisfies {IncidentApi["CompleteTaskRequest"]} */ ({
      outcome: orNull(/** @type {HTMLTextAreaElement} */ (el.querySelector("#task-done-outcome")).value.trim()) })), "Task recorded done.");
}

/** @param {IncidentContext} ctx */
function closeForm(ctx) {
  const el = form("Close the incident", "Close the incident",
    field("Outcome code", choose("close-outcomeCode", OUTCOMES, "", { placeholder: "Choose how it ended" }),
      { name: "outcomeCode", hint: "Reporting sees only this code." }),
    field("Outcome of the incident", input("close-outcome"), { name: "outcome", optional: true, hint: "What was decided and done, in your words (kept sealed in the incident)." }),
    field("Rationale", textarea("close-rationale"), { name: "rationale", hint: "Why the incident can be closed." }),
    field("Lessons learnt", textarea("close-lessonsLearnt"), { name: "lessonsLearnt", hint: "For the policy review; \u201cnone\u201d is an answer." }));
  return wire(el, ctx, "close", () => values(el), "Incident closed.");
}

/** @param {IncidentContext} ctx */
function reopenForm(ctx) {
  const el = form("Reopen the incident", "Reopen the incident",
    field("Reason for reopening", textarea("reopen-reason"), { name: "reason" }));
  return wire(el, ctx, "reopen", () => values(el), "Incident reopened.");
}

/** The form's named controls as the request body (empty → null, so the service names what is missing). */
function values(el) {
  const body = {};
  for (const c of el.querySelectorAll("input[data-field], select[data-field], textarea[data-field]")) body[c.dataset.field] = orNull(c.value.trim());
  return body;
}
