// @ts-check
// Issue 16, point 5: the DSL's data-protection work that only had an API — the school's audit trail (shown and
// downloaded, the export itself audited), the retention review, subject-access exports for a pupil (incident, consent
// and device services, as a readable, printable document and as JSON), erasure of a pupil (what goes, what retention or a
// legal hold keeps and why, in words) — and, on an incident's own page, evidence references and retention with legal hold.
import { getJson, getBlob, postJson, ApiError } from "../api.js";
import { h, clear, fmt, table, section, empty, stat, withStates } from "../ui.js";
import { field, input, textarea, radios, checkedValue, disclosure, form, onSubmit, today } from "../forms.js";
import { pupilField, pupilNames, pupilLabel } from "../pupils.js";
import { subjectAccessDocument } from "./subjectaccess.js";

/** @typedef {import("../../../../../web/types/incident").components["schemas"]} IncidentApi */
/** @typedef {import("../../../../../web/types/consent").components["schemas"]["PupilConsentSubjectAccess"]} PupilConsentSubjectAccess */
/** @typedef {import("../../../../../web/types/device-register").components["schemas"]["PupilDeviceSubjectAccess"]} PupilDeviceSubjectAccess */
/** @typedef {import("./incident.js").IncidentContext} IncidentContext */

const orNull = (v) => (v === "" || v === undefined ? null : v);
const KINDS = {
  read: "Record read", "imagery-upload-refused": "Imagery upload refused", "evidence-upload-refused": "Upload refused",
  "imagery-viewed": "Imagery viewed", "audit-trail-exported": "Audit trail exported",
};

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const daysAgo = (n) => { const d = new Date(); d.setDate(d.getDate() - n); return d.toISOString().slice(0, 10); };

/** @param {HTMLElement} container */
export async function render(container) {
  const flash = h("div", { class: "flash", role: "status", tabindex: "-1" });
  clear(container, h("h1", {}, "Records and data protection"),
    h("p", { class: "lead" }, "The school's audit trail, the retention review and subject-access requests. Legal holds and evidence are on each incident's page."),
    flash, auditSection(), retentionSection(flash), subjectAccessSection(flash), erasureSection(flash));
}

function auditSection() {
  const from = input("audit-from", { type: "date", value: daysAgo(30), max: today() });
  const to = input("audit-to", { type: "date", value: today(), max: today() });
  const format = radios("audit-format", "Show or download", "format",
    [{ value: "json", label: "Show it here" }, { value: "csv", label: "Download a spreadsheet (CSV)" }], "json");
  const result = h("div", { class: "audit-result", "aria-live": "polite" });
  const el = form("Audit trail", "Get the audit trail",
    h("div", { class: "row" },
      field("From", from, { name: "from", hint: "At most 366 days at a time." }),
      field("To", to, { name: "to" })),
    format);
  const window = () => {
    const q = new URLSearchParams();
    if (from.value) q.set("from", new Date(`${from.value}T00:00:00`).toISOString());
    if (to.value) q.set("to", new Date(`${to.value}T23:59:59`).toISOString());
    return q;
  };
  onSubmit(el, {
    busy: "Reading the audit trail…", record: "audit trail",
    starting: () => clear(result),
    send: async () => {
      const q = window();
      const kind = checkedValue(el, "audit-format") || "json";
      q.set("format", kind);
      if (kind === "csv") {
        const { blob } = await getBlob(`/api/incident/audit?${q}`, "text/csv");
        save(blob, `audit-trail-${from.value || "start"}-to-${to.value || today()}.csv`);
        return { csv: true };
      }
      return (await getJson(`/api/incident/audit?${q}`)).data;
    },
    done: (trail) => {
      if (trail.csv) { clear(result, h("p", { class: "state" }, "The spreadsheet has been downloaded. The export is itself recorded in the trail.")); return; }
      clear(result,
        h("p", {}, `${trail.count} entries from ${fmt.dateTime(trail.from)} to ${fmt.dateTime(trail.to)}. This look is itself recorded in the trail.`),
        table("Audit trail", [
          { label: "When", value: (e) => fmt.dateTime(e.at), rowHeader: true },
          { label: "What", value: (e) => KINDS[e.kind] ?? fmt.label(e.kind) },
          { label: "Incident", value: (e) => (e.incidentId ? h("a", { href: `#/incidents/${e.incidentId}` }, "open") : "—") },
          { label: "By", value: (e) => e.byName },
          { label: "Detail", value: (e) => e.detail ?? "—" },
        ], trail.entries, { emptyMessage: "Nothing was recorded in these days.", className: "audit-trail" }));
    },
  });
  return section("Audit trail", h("p", {}, "Every read of a safeguarding record, refused upload, imagery view and earlier export in your school."), el, result);
}

function retentionSection(flash) {
  const result = h("div", { "aria-live": "polite" });
  const el = form("Retention review", "Run the retention review now");
  onSubmit(el, {
    busy: "Reviewing every closed file…", record: "retention review",
    starting: () => { clear(flash); clear(result); },
    send: () => /** @type {Promise<IncidentApi["RetentionRun"]>} */ (postJson("/api/incident/retention/review", {})),
    done: (r) => clear(result, h("div", { class: "stats" },
      stat("Files reviewed", fmt.number(r.reviewed)), stat("Now due for your review", fmt.number(r.reviewsDue)),
      stat("Disposed of", fmt.number(r.disposed)), stat("Held back (legal hold)", fmt.number(r.heldBack))),
      h("p", { class: "hint" }, "Files due for review are listed below; open one to place a legal hold or dispose of it.")),
  });
  const closed = h("div");
  withStates(closed, "closed incidents", async () => {
    const { data } = await /** @type {ReturnType<typeof getJson<IncidentApi["IncidentPage"]>>} */ (getJson("/api/incident/incidents?status=closed&sort=oldest&pageSize=50"));
    return table(`Closed incidents (${data.total})`, [
      { label: "Summary", value: (i) => h("a", { href: `#/incidents/${i.id}` }, i.summary || "(no summary)"), rowHeader: true },
      { label: "Reported", value: (i) => fmt.date(i.reportedAt) },
    ], data.items, { emptyMessage: "No incident is closed yet: retention starts when an incident is closed.", className: "closed-incidents" });
  });
  return section("Retention", h("p", {}, "The review runs every night; run it now after a change of policy. Nothing is disposed of while a legal hold is in place."),
    el, result, closed);
}

function subjectAccessSection(flash) {
  const result = h("div", { "aria-live": "polite" });
  const pupil = pupilField("sar-pupil", "Pupil");
  pupil.querySelector("input").dataset.field = "pupilId";
  const el = form("Subject-access request", "Prepare the export", pupil);
  onSubmit(el, {
    busy: "Gathering what each service holds…", record: "export",
    starting: () => { clear(flash); clear(result); },
    send: async () => {
      const control = /** @type {HTMLInputElement} */ (el.querySelector("#sar-pupil"));
      const id = control.dataset.pupilId;
      if (!id) throw new ApiError(400, { title: "Choose the pupil",
        errors: { pupilId: ["Type two or more letters of their name, then choose them from the list."] } });
      const path = (svc) => `/api/${svc}/pupils/${encodeURIComponent(id)}/subject-access`;
      const [incident, consent, devices] = await Promise.all([/** @type {ReturnType<typeof getJson<IncidentApi["SubjectAccessReport"]>>} */ (getJson(path("incident"))),
        /** @type {ReturnType<typeof getJson<PupilConsentSubjectAccess>>} */ (getJson(path("consent"))),
        /** @type {ReturnType<typeof getJson<PupilDeviceSubjectAccess>>} */ (getJson(path("device-register")))]);
      return { id, name: control.value, incident: incident.data, consent: consent.data, devices: devices.data };
    },
    done: async (r) => {
      const producedAt = new Date().toISOString();
      const file = new Blob([JSON.stringify({ pupilId: r.id, producedAt,
        incident: r.incident, consent: r.consent, devices: r.devices }, null, 2)], { type: "application/json" });
      const print = h("button", { type: "button", class: "button", onclick: () => window.print() }, "Print the document or save it as a PDF");
      const download = h("button", { type: "button", class: "button secondary", onclick: () => save(file, `subject-access-${r.id}.json`) }, "Download the export (JSON)");
      clear(result,
        h("p", {}, `Prepared for ${r.name}: ${r.incident.incidents.length} incidents from the incident service, with what the consent and device services hold. Read it below, then print it or save it as a PDF from the print dialogue.`),
        r.incident.reviewBeforeRelease ? h("p", { class: "note" }, "Before release: the reporter's words (what happened, how it came to light, reasons for actions) may name other people; redact them.") : null,
        h("div", { class: "actions" }, print, download),
        await subjectAccessDocument({ ...r, producedAt }));
      print.focus();
    },
  });
  return section("Subject-access requests", h("p", {}, "Everything the platform holds about one pupil, as a document to review, print and release, and as a file for other systems. Each incident read is recorded."), el, result);
}

// What keeps a file, from the incident service's structured answer (the erasure preview's items, a refusal's `kept`):
// the record types and the outcome codes of services/incident/DataProtection/ErasePerson.cs, said as a person says them.
const RECORD_TYPES = {
  "child-protection-file": "a child-protection file", "staff-allegation": "a record of an allegation against staff",
  "online-safety-incident": "an online-safety incident record",
};
const incidentName = (id, incidents) => {
  const i = incidents.get(id);
  return h("a", { href: `#/incidents/${id}` }, i ? `“${i.summary || "(no summary)"}”, reported ${fmt.date(i.reportedAt)}` : "An incident");
};
const whyKept = (k) => k.legalHold || k.outcome === "kept-by-legal-hold"
  ? `is under a legal hold: nothing on it can be erased until the hold is released (on the incident's page).${k.holdReason ? ` The hold's reason: “${k.holdReason}”.` : ""}`
  : `is ${RECORD_TYPES[k.recordType] ?? fmt.label(k.recordType)}, which the law requires the school to keep until ${fmt.date(k.retainedUntil)} (${k.rule}).`;
const OUTCOMES = {
  erased: () => "Their details on it are erased.",
  disposed: () => "Already disposed of: nothing left to erase.",
  "kept-by-legal-hold": (k) => `Kept: it is under a legal hold${k.holdReason ? ` (“${k.holdReason}”)` : ""}.`,
  "kept-by-retention": (k) => `Kept: ${RECORD_TYPES[k.recordType] ?? fmt.label(k.recordType)}, until ${fmt.date(k.retainedUntil)} (${k.rule}).`,
};

function erasureSection(flash) {
  const result = h("div", { "aria-live": "polite" });
  const scheduled = h("div", { "aria-live": "polite" });
  const pupil = pupilField("erase-pupil", "Pupil");
  pupil.querySelector("input").dataset.field = "personId";
  const reason = textarea("erase-reason", "", { rows: 3 });
  const preview = h("div", { class: "erasure-preview", "aria-live": "polite" });
  const control = () => /** @type {HTMLInputElement} */ (el.querySelector("#erase-pupil"));
  const chosen = () => control().dataset.pupilId;
  const nameOf = () => control().value;
  let theirs = new Map();

  // What the erasure would reach, decided by the incident service with the erasure's own rules (erasure-preview); the
  // incident list only adds each incident's summary.
  const look = async () => {
    const id = chosen();
    if (!id) { clear(preview); return; }
    await withStates(preview, "the pupil's records", async () => {
      const [{ data: said }, { data: list }] = await Promise.all([
        /** @type {ReturnType<typeof getJson<IncidentApi["ErasurePreview"]>>} */ (getJson(`/api/incident/people/${encodeURIComponent(id)}/erasure-preview?kind=pupil`)),
        /** @type {ReturnType<typeof getJson<IncidentApi["IncidentPage"]>>} */ (getJson(`/api/incident/incidents?pupilId=${encodeURIComponent(id)}&pageSize=100`))]);
      theirs = new Map(list.items.map((i) => [i.id, i]));
      const items = said.incidents;
      return [
        h("p", {}, items.length
          ? `Erasing ${nameOf()} destroys the key to their details on ${items.length} incident${items.length === 1 ? "" : "s"}: their name, date of birth and id, and sanctions and support recorded about them, read "[erased]" from then on. What happened stays for anyone else involved. The events themselves are kept, as the record that they happened.`
          : `No incident names ${nameOf()}: the incident service holds nothing of theirs to erase.`),
        h("p", { class: "hint" }, "The consent roster and the device register are not changed by this; they keep their own records."),
        items.length ? table("Their incidents", [
          { label: "Incident", value: (i) => h("a", { href: `#/incidents/${i.incidentId}` }, theirs.get(i.incidentId)?.summary || "(no summary)"), rowHeader: true },
          { label: "Reported", value: (i) => fmt.date(i.reportedAt) },
          { label: "What happens", value: (i) => (OUTCOMES[i.outcome] ?? (() => i.outcome))(i) },
        ], items, { className: "erasure-incidents" }) : null,
        said.erasableNow ? null : h("p", { class: "note" }, said.scheduleFor
          ? `Nothing can be erased now: a file that must be kept keeps the whole erasure back. You can instead schedule it for ${fmt.date(said.scheduleFor)}, when the last of these retention periods ends.`
          : "Nothing can be erased now: a legal hold keeps the whole erasure back until it is released."),
      ];
    });
  };

  const erase = (whenRetentionEnds) => postJson(`/api/incident/people/${encodeURIComponent(chosen())}/erase`,
    /** @satisfies {IncidentApi["EraseRequest"]} */ ({ kind: "pupil", reason: orNull(reason.value.trim()), ...(whenRetentionEnds ? { whenRetentionEnds: true } : {}) }));

  const el = form("Erase a pupil's details", "Erase their details",
    pupil,
    h("div", { class: "actions" }, h("button", { type: "button", class: "button secondary", onclick: look }, "Show what would be erased")),
    preview,
    field("Reason", reason, { name: "reason", hint: "The erasure request (who asked, when) and why it is granted." }));
  onSubmit(el, {
    busy: "Erasing…", record: "pupil's records",
    starting: () => { clear(flash); clear(result); },
    send: async () => {
      const id = chosen();
      // Without a pupil there is nothing to ask the service; the reason is named too, so both are fixed at once.
      if (!id) throw new ApiError(400, { title: "Choose the pupil", errors: {
        personId: ["Type two or more letters of their name, then choose them from the list."],
        ...(reason.value.trim() ? {} : { reason: ["reason is required"] }) } });
      if (!theirs.size) await look();
      try {
        return { answer: /** @type {IncidentApi["ErasureRecorded"]} */ (await erase(false)) };
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) return { refused: error };
        throw error;
      }
    },
    done: ({ answer, refused }) => {
      const name = nameOf();
      if (refused) {
        const kept = [].concat(refused.problem?.kept ?? []);
        const due = refused.problem?.erasureDueOn;
        const schedule = due ? h("button", { type: "button", class: "button", onclick: async () => {
          schedule.disabled = true;
          try {
            const deferred = /** @type {IncidentApi["ErasureDeferred"]} */ (await erase(true)); // 202 Accepted
            clear(result, h("div", { class: "state", role: "status", tabindex: "-1" },
              h("h3", {}, `${name}'s erasure is scheduled for ${fmt.date(deferred.dueOn)}`),
              h("p", {}, "Nothing is erased yet. The retention review carries it out on that day, unless a legal hold is placed first; it is listed below under Scheduled erasures.")));
            /** @type {HTMLElement} */ (result.firstChild).focus();
            await listScheduled();
          } catch (error) {
            schedule.disabled = false;
            clear(result, h("div", { class: "state error", role: "alert", tabindex: "-1" }, error.problem?.detail ?? error.message));
            /** @type {HTMLElement} */ (result.firstChild).focus();
          }
        } }, `Erase when retention ends, on ${fmt.date(due)}`) : null;
        clear(result, h("div", { class: "state error refusal", role: "alert", tabindex: "-1" },
          h("h3", {}, `Nothing of ${name}'s was erased: these records must be kept`),
          kept.length ? h("ul", {}, kept.map((k) => h("li", {}, incidentName(k.incidentId, theirs), " ", whyKept(k))))
            : h("p", {}, refused.problem?.detail ?? refused.message),
          due ? h("p", {}, `Only retention keeps them, so the erasure can be scheduled: it will be carried out on ${fmt.date(due)}, when the last retention period ends.`)
            : h("p", {}, "Erase again once each hold is released or each date has passed and the file has been reviewed."),
          schedule ? h("div", { class: "actions" }, schedule) : null));
        /** @type {HTMLElement} */ (result.firstChild).focus();
        return;
      }
      clear(result, h("div", { class: "state", role: "status", tabindex: "-1" },
        h("h3", {}, `${name}'s details were erased on ${fmt.dateTime(answer.erasedAt)}`),
        h("p", {}, "Their details on the incidents now read \"[erased]\"; the erasure itself is recorded.")));
      /** @type {HTMLElement} */ (result.firstChild).focus();
    },
  });

  // Erasures waiting for retention to end, and those carried out when due (GET /people/erasures).
  const listScheduled = () => withStates(scheduled, "scheduled erasures", async () => {
    const { data } = await /** @type {ReturnType<typeof getJson<IncidentApi["PendingErasure"][]>>} */ (getJson("/api/incident/people/erasures"));
    if (!data.length) return empty("No erasure is scheduled. When retention alone keeps a pupil's records, you can schedule the erasure for the day it ends.");
    const names = await pupilNames(data.filter((p) => p.kind === "pupil").map((p) => p.personId));
    return table("Scheduled erasures", [
      { label: "Person", value: (p) => p.kind === "pupil" ? pupilLabel(names, p.personId) : `Staff ${p.personId}`, rowHeader: true },
      { label: "Due", value: (p) => fmt.date(p.dueOn) },
      { label: "Asked by", value: (p) => `${p.requestedByName}, ${fmt.date(p.requestedAt)}` },
      { label: "Status", value: (p) => p.carriedOutAt ? `Carried out ${fmt.date(p.carriedOutAt)}` : p.heldBy ? `Waiting: ${p.heldBy}` : "Waiting for its date" },
    ], data, { className: "scheduled-erasures" });
  });
  listScheduled();

  return section("Erasure", h("p", {}, "When a pupil's (or their parent's) request to erase their details is granted. Records the law requires the school to keep are kept: you are told which and why, and you can schedule the erasure for the day retention ends."),
    el, result, h("h3", {}, "Scheduled erasures"), scheduled);
}

/**
 * @param {IncidentApi["IncidentView"]} i
 * @param {IncidentContext} ctx
 * @param {boolean} canChange
 */
export function evidenceReferences(i, ctx, canChange) {
  const el = form("Record a reference to evidence", "Record the reference",
    field("What the evidence is", textarea("ev-description", "", { rows: 2 }), { name: "description", hint: "For example: screenshot of a chat, captured by monitoring." }),
    field("Link to the vendor's capture", input("ev-vendorCaptureUri", { type: "url" }), { name: "vendorCaptureUri", optional: true }),
    field("SHA-256 of the file", input("ev-sha256"), { name: "sha256", optional: true, hint: "64 hexadecimal characters, when the vendor gives one." }),
    h("div", { class: "row" },
      field("Who holds the device", input("ev-deviceHolder"), { name: "deviceHolder", optional: true }),
      field("Where it is sealed", input("ev-sealedLocation"), { name: "sealedLocation", optional: true })),
    h("p", { class: "hint" }, "Give at least one: the link, the SHA-256, who holds the device or where it is sealed. Never copy imagery."));
  const v = (id) => orNull(/** @type {import("../forms.js").Control} */ (el.querySelector(`#${id}`)).value.trim());
  onSubmit(el, {
    busy: "Recording…", reload: ctx.reload, starting: () => clear(ctx.flash),
    send: () => postJson(`/api/incident/incidents/${ctx.incidentId}/evidence`, /** @satisfies {IncidentApi["ReferenceEvidenceRequest"]} */ ({
      description: v("ev-description"), vendorCaptureUri: v("ev-vendorCaptureUri"), sha256: v("ev-sha256"),
      deviceHolder: v("ev-deviceHolder"), sealedLocation: v("ev-sealedLocation"),
    }), { "If-Match": ctx.etag }),
    done: () => ctx.changed("Evidence reference recorded."),
  });
  const list = i.evidence ?? [];
  return section("Evidence references",
    list.length === 0 ? empty("No evidence referenced.") : table("Evidence references", [
      { label: "Recorded", value: (e) => `${fmt.dateTime(e.at)} by ${e.byName}`, rowHeader: true },
      { label: "What", value: (e) => e.description },
      { label: "Where", value: (e) => [e.vendorCaptureUri, e.sha256 && `sha256 ${e.sha256}`, e.deviceHolder && `held by ${e.deviceHolder}`,
        e.sealedLocation && `sealed at ${e.sealedLocation}`].filter(Boolean).join("; ") },
    ], list, { className: "evidence-references" }),
    canChange ? disclosure("Record a reference to evidence", el) : null);
}

/**
 * On an incident's page, for the DSL: how long it is kept, the legal hold, disposal after review.
 * @param {IncidentApi["IncidentView"]} i
 * @param {IncidentContext} ctx
 */
export function retentionOfIncident(i, ctx) {
  const body = h("div");
  const load = () => withStates(body, "retention", async () => {
    const { data: r } = await /** @type {ReturnType<typeof getJson<IncidentApi["RetentionStatus"]>>} */ (getJson(`/api/incident/incidents/${i.id}/retention`));
    const change = (name, verb, path, hint) => {
      const el = form(name, verb, field("Reason", textarea(`ret-${path.replace(/\W/g, "")}-reason`, "", { rows: 2 }), { name: "reason", hint }));
      onSubmit(el, {
        busy: "Saving…", starting: () => clear(ctx.flash),
        send: () => postJson(`/api/incident/incidents/${i.id}/${path}`,
          /** @satisfies {IncidentApi["ReasonRequest"]} */ ({ reason: orNull(el.querySelector("textarea").value.trim()) })),
        done: () => ctx.changed(`${name}: done.`),
      });
      return disclosure(name, el);
    };
    return [
      h("dl", { class: "facts" },
        h("dt", {}, "Kind of record"), h("dd", {}, fmt.label(r.recordType)),
        h("dt", {}, "Kept until"), h("dd", {}, r.retainUntil ? `${fmt.date(r.retainUntil)} (${r.rule})` : r.rule),
        h("dt", {}, "Legal hold"), h("dd", {}, r.legalHold ? `yes: ${r.legalHoldReason}` : "no"),
        h("dt", {}, "Review due"), h("dd", {}, r.reviewDueFor ? fmt.date(r.reviewDueFor) : "not yet"),
        r.disposed ? [h("dt", {}, "Disposed"), h("dd", {}, "yes: its personal details are shredded")] : null),
      r.history.length ? h("ul", { class: "history" }, r.history.map((x) => h("li", {}, x))) : null,
      r.disposed ? null : r.legalHold
        ? change("Release the legal hold", "Release the hold", "legal-hold/release", "For example: the proceedings have ended.")
        : change("Place a legal hold", "Place the hold", "legal-hold", "For example: the solicitor's request of 3 March; it is never disposed of while held."),
      !r.disposed && !r.legalHold && r.reviewDueFor ? change("Dispose of this file", "Dispose of it", "dispose", "Your review's conclusion: why it need not be kept.") : null,
    ];
  });
  load();
  return section("Retention and legal hold", body);
}
