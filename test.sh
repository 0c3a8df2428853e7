#!/usr/bin/env bash
# Builds TrustSafety.sln once (Release) and runs every test project against the local infrastructure.
#   ./test.sh                      all tests
#   ./test.sh --filter Category=X  extra arguments go to `dotnet test`
# Ends with a plain line "N passed, N failed, N skipped" summed over all test projects (from the .trx files);
# exits non-zero when the build fails, a test fails, a test host crashes, or a process the tests started is still
# running at the end (listed by pid and command line, then stopped). Every process of the test run carries
# TS_TEST_RUN=<this run's id> in its environment; TS_TEST_LEFTOVER_WAIT (seconds, default 30) is how long they get to stop.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# 1. PostgreSQL + RabbitMQ, and the variables the test fixtures read (TS_PG_*, TS_RABBIT_*).
infra/setup.sh
# shellcheck disable=SC1091
. .run/infra.env

# 2. Chromium for the browser tests (Playwright drives /usr/bin/chromium; never `playwright install`).
if [ ! -x /usr/bin/chromium ]; then
  echo "[test] installing chromium for browser tests" >&2
  (
    export DEBIAN_FRONTEND=noninteractive
    if ! compgen -G "/var/lib/apt/lists/*_Packages" >/dev/null; then apt-get update -qq; fi
    apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
  ) || echo "[test] WARNING: could not install chromium; browser tests will fail or skip" >&2
fi

# 3. Build once.
infra/ensure-node.sh
echo "[test] dotnet build TrustSafety.sln -c Release" >&2
if ! dotnet build TrustSafety.sln -c Release -nologo -v:q -clp:ErrorsOnly; then
  echo "build FAILED" >&2
  exit 1
fi

# 3b. The dashboard's JavaScript (every file under wwwroot/js, each starting with // @ts-check), checked by the TypeScript
#     compiler (web/, from npm) against types generated from the services' OpenAPI documents in web/openapi (the Dashboard
#     test CheckingTheDashboardsTypes keeps those the services' own).
echo "[test] dashboard type check (web/: npm run check)" >&2
if ! (cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run --silent check >/dev/null); then
  (cd web && npm run --silent check) >&2 || true
  echo "dashboard type check FAILED" >&2
  exit 1
fi

# 4. Test (no rebuild). Each test project writes its .trx under <project>/TestResults/.
marker="$(mktemp "$ROOT/.run/test-start.XXXXXX")"
trap 'rm -f "$marker"' EXIT
find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/TestResults/*.trx' -type f -print0 2>/dev/null | xargs -0 -r rm -f

# The run's mark, inherited by test hosts and everything their fixtures start (not exported: the checks below lack it).
run_id="$(date +%s)-$$"
test_rc=0
# No MSBuild node reuse: a worker node kept for later builds would carry the mark and outlive the run on purpose.
env TS_TEST_RUN="$run_id" MSBUILDDISABLENODEREUSE=1 \
  dotnet test TrustSafety.sln -c Release --no-build -nologo -nodeReuse:false \
  --logger "trx" --logger "console;verbosity=minimal" \
  --blame-hang-timeout "${TS_TEST_HANG_TIMEOUT:-8m}" --blame-hang-dump-type none \
  "$@" || test_rc=$?

# 5. Sum the <Counters .../> of every .trx written by this run.
total=0 passed=0 failed=0
attr() { sed -n "s/.*<Counters[^>]* $1=\"\([0-9]*\)\".*/\1/p" "$2" | head -1; }
trx_count=0
while IFS= read -r -d '' trx; do
  trx_count=$((trx_count + 1))
  t=$(attr total "$trx"); p=$(attr passed "$trx")
  f=0
  for c in failed error timeout aborted; do v=$(attr "$c" "$trx"); f=$((f + ${v:-0})); done
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + f))
done < <(find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/TestResults/*.trx' -type f -newer "$marker" -print0 2>/dev/null)
skipped=$((total - passed - failed)); [ "$skipped" -ge 0 ] || skipped=0

echo "$passed passed, $failed failed, $skipped skipped"

# 6. Nothing the run started may outlive it (a fixture's identity service, a watchdog, a browser, a test host).
marked() { # pids whose environment carries this run's mark
  local dir
  for dir in /proc/[0-9]*; do
    grep -qzxF "TS_TEST_RUN=$run_id" "$dir/environ" 2>/dev/null && echo "${dir#/proc/}"
  done
  return 0
}
leftover_deadline=$((SECONDS + ${TS_TEST_LEFTOVER_WAIT:-30}))
leftovers="$(marked)"
while [ -n "$leftovers" ] && [ $SECONDS -lt $leftover_deadline ]; do
  sleep 0.5
  leftovers="$(marked)"
done
if [ -n "$leftovers" ]; then
  echo "[test] FAILED: $(wc -w <<<"$leftovers") process(es) started by this test run are still running ${TS_TEST_LEFTOVER_WAIT:-30} s after it ended:" >&2
  for pid in $leftovers; do
    echo "  pid $pid (parent $(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null || echo '?')): $(tr '\0\n' '  ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-200)" >&2
  done
  echo "[test] stopping them (a fixture that starts a process must stop it: tests/TrustSafety.Testing/FixtureProcess.cs)" >&2
  # shellcheck disable=SC2086
  kill -TERM $leftovers 2>/dev/null || true
  kill_deadline=$((SECONDS + 10))
  while [ -n "$(marked)" ] && [ $SECONDS -lt $kill_deadline ]; do sleep 0.5; done
  left="$(marked)"
  # shellcheck disable=SC2086
  [ -z "$left" ] || kill -KILL $left 2>/dev/null || true
  exit 1
fi

if [ "$failed" -gt 0 ]; then exit 1; fi
if [ "$test_rc" -ne 0 ]; then
  echo "[test] dotnet test exited with $test_rc (test host crash, hang or no tests matched?)" >&2
  exit "$test_rc"
fi
[ "$trx_count" -gt 0 ] || echo "[test] no test results (no test project yet?)" >&2
exit 0
