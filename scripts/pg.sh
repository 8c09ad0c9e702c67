# shellcheck shell=bash
# Private PostgreSQL cluster for run.sh, test.sh and bench.sh, from the machine's own PostgreSQL binaries.
# Source this file, then call: pg_up <name> <port> [extra server options]. It exports DOSSIERS_DB (a Npgsql connection
# string). A cluster is durable (fsync and synchronous_commit on, as PostgreSQL ships) unless the extra options say
# otherwise: test.sh and bench.sh pass PG_FAST, run.sh passes nothing, so what serves the product never loses an
# acknowledged commit. A running cluster started with other options is restarted with these.
# The application connects as the role `dossiers`, which owns its database and is not a superuser: PostgreSQL's
# reserved connection slots then stay free for an administrator even when the application uses every slot it may.
# A DOSSIERS_DB already set in the environment wins: nothing is started.

# For clusters whose data may be lost on a crash (tests, benchmarks): no flush to disk at commit.
PG_FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

pg_say() { echo "[pg] $*" >&2; }

pg_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return
  fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

pg_install_if_missing() {
  if [ -n "$(pg_bindir)" ] && [ -x "$(pg_bindir)/initdb" ]; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    pg_say "PostgreSQL server binaries not found. Install them first: sudo apt-get install -y postgresql"
    return 1
  fi
  pg_say "installing Debian's postgresql package"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# The cluster lives outside the checkout when we are root, because initdb must run as the
# postgres user, and that user may not be able to traverse the checkout's parents (e.g. /root).
pg_data_root() {
  local name=$1 root
  if [ "$(id -u)" -eq 0 ]; then
    root="/var/tmp/dossiers-pg-$(printf '%s' "$PWD" | sha1sum | cut -c1-10)/$name"
  else
    root="$PWD/.data/$name"
  fi
  echo "$root"
}

pg_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_up() {
  local name=$1 port=$2 extra=${3:-}
  if [ -n "${DOSSIERS_DB:-}" ]; then pg_say "using DOSSIERS_DB from the environment"; return 0; fi
  pg_install_if_missing || return 1
  local bin; bin=$(pg_bindir)
  local root; root=$(pg_data_root "$name")
  local data="$root/pgdata" sock="$root"
  local user; user=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)

  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$root"
    chmod 700 "$data"
    pg_as_owner "$bin/initdb" -D "$data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 \
      || { pg_say "initdb failed:"; cat "$root/initdb.log" >&2; return 1; }
  fi

  # The options a running cluster was started with; other ones asked for now: restart it with those. (A cluster
  # started by an older pg.sh, which always ran without fsync, has no server-options file and is restarted too.)
  local options="-c listen_addresses=127.0.0.1 -c max_connections=200 $extra"
  if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && [ "$(cat "$root/server-options" 2>/dev/null)" != "$options" ]; then
    pg_say "restarting cluster $name with server options: $options"
    port=$(head -4 "$data/postmaster.pid" | tail -1)
    pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi

  if ! pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Another checkout's cluster may hold the port: take the next free one.
    while pg_port_busy "$port"; do port=$((port + 1)); done
    pg_as_owner "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 \
      -o "-p $port -k $sock $options" start >/dev/null \
      || { pg_say "PostgreSQL did not start:"; tail -20 "$root/server.log" >&2; return 1; }
    printf '%s' "$options" > "$root/server-options"
    pg_say "started cluster $name on 127.0.0.1:$port ($data)"
  else
    pg_say "reusing running cluster $name ($data)"
    port=$(head -4 "$data/postmaster.pid" | tail -1)
  fi

  "$bin/psql" -h "$sock" -p "$port" -U "$user" -d postgres -qAt \
    -c "SELECT 1 FROM pg_roles WHERE rolname='dossiers'" | grep -q 1 \
    || "$bin/psql" -h "$sock" -p "$port" -U "$user" -d postgres -q -c "CREATE ROLE dossiers LOGIN PASSWORD 'dossiers'"
  # Clusters made by an older pg.sh gave the role superuser rights.
  "$bin/psql" -h "$sock" -p "$port" -U "$user" -d postgres -q -c "ALTER ROLE dossiers NOSUPERUSER"
  "$bin/psql" -h "$sock" -p "$port" -U "$user" -d postgres -qAt \
    -c "SELECT 1 FROM pg_database WHERE datname='dossiers'" | grep -q 1 \
    || "$bin/psql" -h "$sock" -p "$port" -U "$user" -d postgres -q -c "CREATE DATABASE dossiers OWNER dossiers"

  export DOSSIERS_DB="Host=127.0.0.1;Port=$port;Database=dossiers;Username=dossiers;Password=dossiers"
  export PG_DOSSIERS_DATA="$data" PG_DOSSIERS_BIN="$bin"
}

pg_down() {
  [ -n "${PG_DOSSIERS_DATA:-}" ] || return 0
  pg_as_owner "$PG_DOSSIERS_BIN/pg_ctl" -D "$PG_DOSSIERS_DATA" -m fast -w stop >/dev/null 2>&1 || true
}
