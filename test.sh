#!/usr/bin/env bash
# Builds TrustSafety.sln once (Release) and runs every test project against the local infrastructure.
#   ./test.sh                      all tests
#   ./test.sh --filter Category=X  extra arguments go to `dotnet test`
# Ends with a plain line "N passed, N failed, N skipped" summed over all test projects (from the .trx files);
# exits non-zero when the build fails, a test fails, or a test host crashes.
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

# 4. Test (no rebuild). Each test project writes its .trx under <project>/TestResults/.
marker="$(mktemp "$ROOT/.run/test-start.XXXXXX")"
trap 'rm -f "$marker"' EXIT
find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/TestResults/*.trx' -type f -print0 2>/dev/null | xargs -0 -r rm -f

test_rc=0
dotnet test TrustSafety.sln -c Release --no-build -nologo \
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
if [ "$failed" -gt 0 ]; then exit 1; fi
if [ "$test_rc" -ne 0 ]; then
  echo "[test] dotnet test exited with $test_rc (test host crash, hang or no tests matched?)" >&2
  exit "$test_rc"
fi
[ "$trx_count" -gt 0 ] || echo "[test] no test results (no test project yet?)" >&2
exit 0
