import { getJson } from "../api.js";
import { h, clear, fmt, freshness, table, section, withStates, badge, empty } from "../ui.js";

const DAY = 24 * 3600 * 1000;

function health(source, hv) {
  if (source.state !== "active") return badge(source.state, "warn");
  if (!hv) return badge("unknown", "neutral");
  if (!hv.lastReceivedAt) return badge("no data yet", "warn");
  if (Date.now() - new Date(hv.lastReceivedAt).getTime() > DAY) return badge("stale (over 24 h)", "bad");
  if (hv.rejected > 0 && hv.rejected >= hv.accepted) return badge("rejecting records", "bad");
  return badge("healthy", "good");
}

/** IT admin: every ingest source with its health, and the records the platform could not use (to fix at the vendor). */
export async function render(container) {
  const body = h("div");
  clear(container, h("h1", {}, "Ingest sources"), body);
  await withStates(body, "ingest sources", async () => {
    const { data: sources, fetchedAt } = await getJson("/api/filtering-ingest/sources");
    if (!sources.length) return [freshness("filtering-ingest", fetchedAt), empty("No sources registered yet. Register one with POST /api/filtering-ingest/sources.")];
    const healths = await Promise.all(sources.map((s) => getJson(`/api/filtering-ingest/sources/${s.id}/health`).then((r) => r.data).catch(() => null)));
    const rows = sources.map((s, i) => ({ s, hv: healths[i] }));
    const rejected = rows.flatMap(({ s, hv }) => (hv?.recentRejected ?? []).map((r) => ({ ...r, source: s.name })))
      .sort((a, b) => new Date(b.at) - new Date(a.at));
    return [
      freshness("filtering-ingest", fetchedAt),
      table("Sources and their health", [
        { label: "Source", value: ({ s }) => s.name, rowHeader: true },
        { label: "Vendor / format", value: ({ s }) => `${s.vendor} · ${s.format}` },
        { label: "School", value: ({ s }) => (s.trustWide ? "trust-wide" : s.schoolUrn) },
        { label: "Health", value: ({ s, hv }) => health(s, hv) },
        { label: "Accepted", value: ({ hv }) => fmt.number(hv?.accepted), numeric: true },
        { label: "Duplicates", value: ({ hv }) => fmt.number(hv?.duplicates), numeric: true },
        { label: "Rejected", value: ({ hv }) => fmt.number(hv?.rejected), numeric: true },
        { label: "Unknown categories", value: ({ hv }) => fmt.number(hv?.unknownCategories), numeric: true },
        { label: "Last received", value: ({ hv }) => fmt.dateTime(hv?.lastReceivedAt) },
        { label: "Secret valid until", value: ({ s }) => s.secretsValidUntil.map((d) => (d ? fmt.dateTime(d) : "no expiry")).join(", ") },
      ], rows),
      section("Rejected records", table("Records that could not be used (most recent first)", [
        { label: "When", value: (r) => fmt.dateTime(r.at), rowHeader: true }, { label: "Source", value: (r) => r.source },
        { label: "Channel", value: (r) => r.channel }, { label: "Record", value: (r) => r.record, numeric: true },
        { label: "Field", value: (r) => r.field }, { label: "Reason", value: (r) => r.reason },
        { label: "Raw (start)", value: (r) => (r.raw ? h("code", {}, r.raw.length > 80 ? r.raw.slice(0, 80) + "…" : r.raw) : "—") },
      ], rejected, { emptyMessage: "No rejected records." })),
    ];
  });
}
