"""Writes bench/results.json from the phases of one bench/run.sh run (bench/out/*.json) and prints it.

Usage: python3 bench/summarise.py bench/out RSS_KB_START RSS_KB_END
"""
import json, sys, platform, os
out, rss0, rss1 = sys.argv[1], sys.argv[2], sys.argv[3]
j = lambda n: json.load(open(os.path.join(out, n + ".json")))
gb, gs, gb70, gs70 = j("gateway-batch-max"), j("gateway-single-max"), j("gateway-batch-70"), j("gateway-single-70")
db, ds, db70, ds70 = j("direct-batch-max"), j("direct-single-max"), j("direct-batch-70"), j("direct-single-70")
fresh, copy, drain, after = j("freshness"), j("copy"), j("drain"), j("backlog-after")
quiet, loaded = j("overview-quiet"), j("overview-under-load")
phases = ["direct-batch-max", "gateway-batch-max", "direct-single-max", "gateway-single-max", "direct-batch-70", "direct-single-70",
          "gateway-batch-70", "gateway-single-70", "copy"]
results = {
  "measured_through": "gateway (the issue's targets are through the gateway); direct.* = straight to filtering-ingest",
  "ingest.batch100.events_per_s": gb["events_per_s"],
  "ingest.batch100.p99_ms": gb70["p99_ms"],
  "ingest.single.requests_per_s": gs["requests_per_s"],
  "ingest.single.p99_ms": gs70["p99_ms"],
  "freshness.p95_ms": fresh["freshness_p95_ms"],
  "baseline.copy_rows_per_s": copy["copy_rows_per_s"],
  "gateway_vs_direct": round(gb["events_per_s"] / db["events_per_s"], 3),
  "gateway_vs_direct.single": round(gs["requests_per_s"] / ds["requests_per_s"], 3),
  "ingest.batch100.p99_ms_at_max": gb["p99_ms"],
  "ingest.single.p99_ms_at_max": gs["p99_ms"],
  "direct.batch100.events_per_s": db["events_per_s"], "direct.batch100.p99_ms": db70["p99_ms"],
  "direct.single.requests_per_s": ds["requests_per_s"], "direct.single.p99_ms": ds70["p99_ms"],
  "freshness.p50_ms": fresh["freshness_p50_ms"], "freshness.max_ms": fresh["freshness_max_ms"],
  "freshness.markers_visible": f'{fresh["visible"]}/{fresh["markers"]}',
  "freshness.to_rabbitmq_p95_ms": gb70["freshness_p95_ms"],
  "reporting.backlog_after_max_phases_messages": drain["backlog_messages"], "reporting.backlog_drain_s": drain["drain_s"],
  "reporting.backlog_after_70pct_batch_messages": after["backlog_after_70pct_batch"],
  "reporting.overview_gateway_quiet.p95_ms": quiet["p95_ms"], "reporting.overview_gateway_quiet.p50_ms": quiet["p50_ms"],
  "reporting.overview_gateway_under_full_batch_load.p95_ms": loaded["p95_ms"],
  "reporting.overview_gateway_under_full_batch_load.p50_ms": loaded["p50_ms"],
  "reporting.overview_gateway_under_full_batch_load.calls": loaded["calls"],
  "reporting.overview_gateway_under_full_batch_load.failures": loaded["failures"],
  "memory.rss_kb_start": int(rss0 or 0), "memory.rss_kb_end": int(rss1 or 0),
  "load_average_before": {n: j(n)["load_before"] for n in phases},
  "cpu_s": {n: j(n)["cpu_s"] for n in phases},
  "machine": {"cores": os.cpu_count(), "os": platform.platform()},
}
# The trust-scale reporting figures (issue 13) come from bench/TrustSafety.ReportingBench's last `measure` run.
scale = os.path.join(os.path.dirname(out), "TrustSafety.ReportingBench", "bin", "Release", "net10.0", "reporting-results.json")
if os.path.exists(scale):
    results.update(json.load(open(scale)))
json.dump(results, open(os.path.join(os.path.dirname(out), "results.json"), "w"), indent=2)
print(json.dumps(results, indent=2))
