#!/usr/bin/env bash
# The load and fault run of issue 7 (docs/performance.md, docs/reliability.md): the 08:00 rush, SIGKILL and
# restart rounds, the bad-input corpus and slot search throughput with wrk, each against Booking.Web started on
# loopback with a fresh SQLite file; and, on its own, 100 receptionist sessions in Chromium on a busy day.
# Prints every figure with PASS or FAIL against its target; exits 1 on any FAIL.
#   tools/load/run.sh            all four server runs (about 2 minutes on an idle 2-core machine, plus the build)
#   tools/load/run.sh rush       one of: rush, crash, corpus, search, circuits (Blazor sessions, about 9 minutes)
#   tools/load/run.sh rush --instances 2   the rush spread over two Booking.Web processes on one fresh PostgreSQL
#                                database (docs/reliability.md): starts a private cluster (tools/postgres/cluster.sh,
#                                installing PostgreSQL when missing) and stops it at the end, pass or fail
#   tools/load/run.sh search --query '/fhir/Slot?status=free&...'   measure that query (repeat --query for more)
#                                instead of the two default ones (a page of 50, the fortnight with every include)
#   tools/load/run.sh all --quick  the sizes the test suite runs (no wrk needed for rush, crash, corpus)
#   tools/load/run.sh --help       the usage; runs nothing
# Set BOOKING_LOAD_APP_LOGS=<folder> to keep each app process's log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# The scenario is the first word that is not an option (Booking.Load --help lists them); --help installs nothing.
scenario=all
for arg in "$@"; do
  case "$arg" in
    -h|-\?|--help) scenario=help; break ;;
    -*) ;;
    *) scenario="$arg"; break ;;
  esac
done

# --instances (the rush over several app processes) runs on PostgreSQL, which Booking.Load insists on; with --help
# anywhere it only prints the usage, so no cluster is started.
instances=false
for arg in "$@"; do
  case "$arg" in
    -h|-\?|--help) instances=false; break ;;
    --instances|--instances=*|--instances:*) instances=true ;;
  esac
done

# Installs a Debian package when what it provides is missing (as root; otherwise says how and stops).
install_if_missing() { # <command or path> <package> <what needs it>
  if command -v "$1" >/dev/null || [ -x "$1" ]; then
    return
  fi
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing $2 (Debian package) for $3..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "$3 needs $2: sudo apt-get install -y $2" >&2
    exit 1
  fi
}

if [[ "$scenario" == "all" || "$scenario" == "search" ]]; then
  install_if_missing wrk wrk "the search throughput run"
fi
if [[ "$scenario" == "circuits" ]]; then
  install_if_missing /usr/bin/chromium chromium "the circuit run"
fi

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr)"
dotnet build Booking.Load -c Release -nologo -clp:ErrorsOnly
if [[ "$scenario" == "rush" && "$instances" == true ]]; then
  source tools/postgres/cluster.sh
  trap postgres_stop EXIT
  postgres_start
  # Not exec: the trap must stop the cluster once the run ends.
  BOOKING_TEST_PROVIDER=PostgreSql timeout 900 Booking.Load/bin/Release/net10.0/Booking.Load "$@"
else
  exec timeout 900 Booking.Load/bin/Release/net10.0/Booking.Load "$@"
fi
