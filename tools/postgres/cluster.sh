#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests and load runs: made in a new temporary folder, listening only on
# 127.0.0.1 at a free port, owned by nobody else, and removed when stopped. Meant to be sourced:
#
#   source tools/postgres/cluster.sh
#   postgres_start        installs PostgreSQL from Debian's packages when missing (as root), starts the cluster and
#                         exports BOOKING_TEST_POSTGRES (its connection string, no database named)
#   postgres_stop         stops the cluster and removes its folder (also safe when nothing was started)

postgres_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "The PostgreSQL tests need PostgreSQL: sudo apt-get install -y postgresql" >&2
      return 1
    fi
    echo "Installing PostgreSQL (Debian package) for the PostgreSQL tests..." >&2
    apt-get update -qq
    # A policy-rc.d answering 101 stops the package from starting Debian's own cluster: ours is private.
    local policy=/usr/sbin/policy-rc.d made_policy=false
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made_policy=true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    if [ "$made_policy" = true ]; then rm -f "$policy"; fi
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

# Runs a PostgreSQL program as the cluster's owner: postgres when we are root (initdb refuses root), else ourselves.
postgres_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

postgres_free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "No free port between 55432 and 55532 for PostgreSQL" >&2
  return 1
}

postgres_start() {
  local bin port
  bin=$(postgres_bin) || return 1
  port=$(postgres_free_port) || return 1
  POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/booking-postgres.XXXXXX")
  export POSTGRES_DIR
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$POSTGRES_DIR"
  fi
  postgres_as_owner "'$bin/initdb' -D '$POSTGRES_DIR/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >"$POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$POSTGRES_DIR/initdb.log" >&2; return 1; }
  # fsync off: only the app is killed in the crash runs, never this server, and the tests need no durability of it.
  postgres_as_owner "'$bin/pg_ctl' -D '$POSTGRES_DIR/data' -l '$POSTGRES_DIR/log' -w -t 60 start \
    -o \"-c listen_addresses=127.0.0.1 -p $port -k '$POSTGRES_DIR' -c fsync=off -c max_connections=400\"" >/dev/null \
    || { cat "$POSTGRES_DIR/log" >&2; return 1; }
  POSTGRES_CTL="$bin/pg_ctl"
  export POSTGRES_CTL
  export BOOKING_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (private cluster)"
}

postgres_stop() {
  if [ -n "${POSTGRES_DIR:-}" ] && [ -d "$POSTGRES_DIR/data" ]; then
    postgres_as_owner "'$POSTGRES_CTL' -D '$POSTGRES_DIR/data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$POSTGRES_DIR"
  fi
  unset POSTGRES_DIR BOOKING_TEST_POSTGRES
}
