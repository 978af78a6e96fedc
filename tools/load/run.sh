#!/usr/bin/env bash
# The load and fault run of issue 7 (docs/performance.md, docs/reliability.md): the 08:00 rush, SIGKILL and
# restart rounds, the bad-input corpus and slot search throughput with wrk, each against Booking.Web started on
# loopback with a fresh SQLite file; and, on its own, 100 receptionist sessions in Chromium on a busy day.
# Prints every figure with PASS or FAIL against its target; exits 1 on any FAIL.
#   tools/load/run.sh            all four server runs (about 3 minutes on an idle 2-core machine, plus the build)
#   tools/load/run.sh rush       one of: rush, crash, corpus, search, circuits (Blazor sessions, about 5 minutes)
#   tools/load/run.sh all --quick  the sizes the test suite runs (no wrk needed for rush, crash, corpus)
# Set BOOKING_LOAD_APP_LOGS=<folder> to keep each app process's log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

scenario="${1:-all}"
if [[ "$scenario" == "all" || "$scenario" == "search" ]] && ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing wrk (Debian package) for the search throughput run..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "The search run needs wrk: sudo apt-get install -y wrk" >&2
    exit 1
  fi
fi

if [ "$scenario" == "circuits" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Chromium (Debian package) for the circuit run..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The circuit run needs Chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr)"
dotnet build Booking.Load -c Release -nologo -clp:ErrorsOnly
exec timeout 600 Booking.Load/bin/Release/net8.0/*/Booking.Load "$@"
