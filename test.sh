#!/usr/bin/env bash
# The one test command: installs what the tests need, builds, runs every test project,
# and ends with a plain "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK not found on PATH; install the .NET 10 SDK" >&2
  exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The PostgreSQL tests (Bitrix24App.Tests/Postgres, OneCConnector.Tests/Postgres) start a private cluster from the
# machine's PostgreSQL binaries (no system service or configuration is used); a fresh CI machine gets them from apt.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
    || echo "warning: could not install PostgreSQL; the PostgreSQL tests will fail" >&2
fi

# The browser tests (tests/Placements.BrowserTests) drive Debian's Chromium through its ChromeDriver; a fresh CI machine
# gets both from apt (about 25-35 s; the two always come in the same version).
if { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; } && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null \
    || echo "warning: could not install chromium and chromium-driver; the browser tests will fail" >&2
fi

dotnet build WineB24.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
dotnet test WineB24.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# dotnet test prints one summary per assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12"
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
rm -f "$log"
[ -z "$passed" ] && passed=0; [ -z "$failed" ] && failed=0; [ -z "$skipped" ] && skipped=0
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $rc
