"""Adds the machine's load average before/after and the CPU seconds to one phase's load-generator result.

Usage: python3 bench/phase_record.py PHASE.json LOAD_BEFORE LOAD_AFTER PHASE.cpu.json  (rewrites PHASE.json, prints it)
"""
import json
import sys

path, before, after, cpu = sys.argv[1:5]
result = json.load(open(path))
result["load_before"], result["load_after"], result["cpu_s"] = before, after, json.load(open(cpu))
json.dump(result, open(path, "w"))
print(json.dumps(result))
