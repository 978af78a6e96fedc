#!/usr/bin/env bash
# Runs every test of Booking from a fresh clone: installs what the tests need when it is missing
# (Chromium and PostgreSQL from Debian's packages), builds the solution with warnings as errors, runs the
# whole suite on SQLite, then the data, booking-race, rush and crash tests again on a private PostgreSQL
# cluster on loopback (started here, stopped at the end), and ends with one line "N passed, N failed".
#
#   ./test.sh          everything (what CI runs)
#   ./test.sh --fast   the inner loop: unit, property, data and HTTP tests, without the browser
#                      journeys and the load and fault runs (the serial collection)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

usage() { echo "usage: ./test.sh [--fast]" >&2; }
fast=false
for arg in "$@"; do
  case "$arg" in
    --fast) fast=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $arg" >&2; usage; exit 2 ;;
  esac
done

chromium_path=/usr/bin/chromium
if [ "$fast" = false ] && [ ! -x "$chromium_path" ]; then
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

# Test tools from npm, each pinned by its package-lock: axe-core for the accessibility checks, and a
# published FHIR client library that drives the API. FHIR validation runs in process (Firely's validator).
for tool in tools/axe tools/fhir-client-check; do
  if [ ! -d "$tool/node_modules" ]; then
    echo "Installing npm packages for $tool..."
    npm ci --prefix "$tool" --no-audit --no-fund >/dev/null
  fi
done

results=TestResults
rm -rf "$results"
dotnet build Booking.sln -nologo -clp:ErrorsOnly

filter=()
if [ "$fast" = true ]; then
  filter=(--filter "Category!=Serial")
fi

status=0
dotnet test Booking.Tests --no-build -nologo --results-directory "$results" "${filter[@]}" \
  --logger "trx;LogFileName=booking.trx" --logger "console;verbosity=normal" || status=$?

# The same data tests (every class under Booking.Tests.Data but those about SQLite's own file; with --fast, not the
# app-process ones of the serial collection), and with the
# full run the rush and crash runs, on PostgreSQL: each test makes its own database on the private cluster.
source tools/postgres/cluster.sh
trap postgres_stop EXIT
postgres_filter="FullyQualifiedName~Booking.Tests.Data.&Provider!=Sqlite&Category!=Serial"
if [ "$fast" = false ]; then
  postgres_filter="(FullyQualifiedName~Booking.Tests.Data.|FullyQualifiedName~Booking.Tests.Load.RushLoadTests)&Provider!=Sqlite"
fi
if postgres_start; then
  BOOKING_TEST_PROVIDER=PostgreSql dotnet test Booking.Tests --no-build -nologo --results-directory "$results" \
    --filter "$postgres_filter" \
    --logger "trx;LogFileName=booking-postgresql.trx" --logger "console;verbosity=normal" || status=$?
else
  echo "PostgreSQL could not be started: the PostgreSQL pass counts as failed." >&2
  status=1
fi
postgres_stop

passed=0
failed=0
for trx in "$results/booking.trx" "$results/booking-postgresql.trx"; do
  if [ -f "$trx" ]; then
    passed=$((passed + $(grep -o '<Counters [^>]*' "$trx" | sed -E 's/.* passed="([0-9]+)".*/\1/')))
    failed=$((failed + $(grep -o '<Counters [^>]*' "$trx" | sed -E 's/.* failed="([0-9]+)".*/\1/')))
  else
    failed=$((failed + 1))
  fi
done
# A crashed or aborted run can leave failed at 0 with a non-zero exit: count it as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "Screenshots and app logs of the browser tests: Booking.Tests/bin/*/net10.0/screenshots and logs"
echo "$passed passed, $failed failed"
exit "$status"
