#!/usr/bin/env bash
# Runs every test of Booking from a fresh clone: installs what the tests need when it is missing
# (Chromium from Debian's packages), builds the solution with warnings as errors, runs the whole
# suite, and ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

chromium_path=/usr/bin/chromium
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Chromium (Debian package) for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $chromium_path. Install it with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

# The FHIR responses are checked against the official R4 JSON schema by a validator from npm.
if [ ! -d tools/fhir-validator/node_modules ]; then
  echo "Installing the FHIR R4 schema validator (npm)..."
  npm ci --prefix tools/fhir-validator --no-audit --no-fund >/dev/null
fi

# The browser tests check every page with axe-core (npm), injected into the page.
if [ ! -d tools/axe/node_modules ]; then
  echo "Installing axe-core for the accessibility checks (npm)..."
  npm ci --prefix tools/axe --no-audit --no-fund >/dev/null
fi

results=TestResults
rm -rf "$results"
dotnet build Booking.sln -nologo -clp:ErrorsOnly

status=0
dotnet test Booking.Tests --no-build -nologo --results-directory "$results" \
  --logger "trx;LogFileName=booking.trx" --logger "console;verbosity=normal" || status=$?

trx="$results/booking.trx"
if [ -f "$trx" ]; then
  passed=$(grep -o '<Counters [^>]*' "$trx" | sed -E 's/.* passed="([0-9]+)".*/\1/')
  failed=$(grep -o '<Counters [^>]*' "$trx" | sed -E 's/.* failed="([0-9]+)".*/\1/')
else
  passed=0
  failed=1
fi
# A crashed or aborted run can leave failed at 0 with a non-zero exit: count it as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "Screenshots and app logs of the browser tests: Booking.Tests/bin/*/net8.0/*/screenshots and logs"
echo "$passed passed, $failed failed"
exit "$status"
