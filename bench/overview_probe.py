#!/usr/bin/env python3
"""Calls the trust lead's overview through the gateway ten times a second (a few dashboards open, well inside the
gateway's 50/s per-client limit) for a while and prints p50/p95 as JSON (bench/run.sh).
   overview_probe.py GATEWAY IDENTITY SECONDS [FROM TO]"""
import json, sys, time, urllib.error, urllib.parse, urllib.request

gateway, identity, seconds = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/"), float(sys.argv[3])
first, last = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else ("2024-01", "2026-12")
form = urllib.parse.urlencode({"grant_type": "password", "client_id": "trustsafety-cli", "username": "trust.lead",
                               "password": "demo-password", "scope": "openid profile roles school api"}).encode()
token = json.load(urllib.request.urlopen(identity + "/connect/token", form, timeout=10))["access_token"]
request = urllib.request.Request(f"{gateway}/api/reporting/trust/overview?from={first}&to={last}",
                                 headers={"Authorization": "Bearer " + token})
INTERVAL = 0.1
times, failures, end = [], {}, time.monotonic() + seconds
while time.monotonic() < end:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
        times.append((time.monotonic() - started) * 1000)
    except urllib.error.HTTPError as e:
        failures[str(e.code)] = failures.get(str(e.code), 0) + 1
    except Exception as e:
        failures[type(e).__name__] = failures.get(type(e).__name__, 0) + 1
    time.sleep(max(0, INTERVAL - (time.monotonic() - started)))
times.sort()
pick = lambda p: round(times[min(len(times) - 1, max(0, int(-(-p * len(times) // 1)) - 1))], 1) if times else None
print(json.dumps({"calls": len(times), "failures": sum(failures.values()), "failed_by": failures, "p50_ms": pick(0.5), "p95_ms": pick(0.95), "max_ms": round(times[-1], 1) if times else None}))
