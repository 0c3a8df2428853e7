#!/usr/bin/env python3
"""CPU seconds per process group between `start` and `stop` (reads /proc; no tools needed).
Usage: cpu_share.py start FILE   ...   cpu_share.py stop FILE  -> JSON {group: cpu_s, ..., "_wall_s": s, "_busy_pct": %}"""
import json, os, sys, time

TICK = os.sysconf("SC_CLK_TCK")
GROUPS = [("FilteringIngest.dll", "ingest"), ("Reporting.dll", "reporting"), ("Gateway.dll", "gateway"), ("Identity.dll", "identity"),
          ("LoadGenerator", "loadgen"), ("postgres", "postgres"), ("beam.smp", "rabbitmq"), ("dotnet", "other-dotnet")]

def snapshot():
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit(): continue
        try:
            with open(f"/proc/{pid}/stat") as f: stat = f.read()
            with open(f"/proc/{pid}/cmdline", "rb") as f: cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError: continue
        fields = stat[stat.rfind(")") + 2:].split()
        # (command, cpu s, start time): a PostgreSQL backend rewrites its title per statement, so identity is pid + start time
        procs[pid] = (cmd or stat[stat.find("(") + 1:stat.rfind(")")], (int(fields[11]) + int(fields[12])) / TICK, fields[19])
    with open("/proc/stat") as f: cpu = [int(x) for x in f.readline().split()[1:]]
    return {"t": time.time(), "procs": procs, "idle": (cpu[3] + cpu[4]) / TICK, "total": sum(cpu[:8]) / TICK}

def group(cmd):
    if cmd.startswith("postgres:"):  # backends name their database: the bench's, other engineers' (tests), or none (WAL writer, checkpointer…)
        return "postgres-bench" if " bench_" in cmd else "postgres-others" if "127.0.0.1(" in cmd or "[local]" in cmd else "postgres-shared"
    for needle, name in GROUPS:
        if needle in cmd: return name
    return "other"

if sys.argv[1] == "start":
    json.dump(snapshot(), open(sys.argv[2], "w"))
else:
    a, b = json.load(open(sys.argv[2])), snapshot()
    out = {}
    for pid, (cmd, cpu, started) in b["procs"].items():
        old = a["procs"].get(pid)
        before = old[1] if old is not None and old[2] == started else 0.0
        g = group(cmd); out[g] = round(out.get(g, 0) + max(0.0, cpu - before), 1)
    total, idle = b["total"] - a["total"], b["idle"] - a["idle"]
    out["_wall_s"] = round(b["t"] - a["t"], 1)
    out["_busy_pct"] = round(100 * (1 - idle / total), 1) if total else None
    print(json.dumps(dict(sorted(out.items()))))
