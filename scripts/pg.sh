# shellcheck shell=bash
# Private PostgreSQL cluster for run.sh and test.sh, from the machine's own PostgreSQL binaries.
# Source this file, then call: pg_up <name> <port> [extra server options]. It exports DOSSIERS_DB (a Npgsql connection
# string). The optional third argument adds server options (e.g. "-c shared_preload_libraries=pg_stat_statements", as
# bench.sh does); a running cluster started with other extra options is restarted with these. run.sh and test.sh pass none.
# A DOSSIERS_DB already set in the environment wins: nothing is started.

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
    pg_as_owner "$bin/initdb" -D "$data" -U "$user" -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 \
      || { pg_say "initdb failed:"; cat "$root/initdb.log" >&2; return 1; }
  fi

  # The extra options a running cluster was started with; other ones asked for now: restart it with those.
  if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && [ "$(cat "$root/extra-options" 2>/dev/null)" != "$extra" ]; then
    pg_say "restarting cluster $name with server options: ${extra:-none}"
    port=$(head -4 "$data/postmaster.pid" | tail -1)
    pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi

  if ! pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Another checkout's cluster may hold the port: take the next free one.
    while pg_port_busy "$port"; do port=$((port + 1)); done
    pg_as_owner "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 \
      -o "-p $port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200 $extra" start >/dev/null \
      || { pg_say "PostgreSQL did not start:"; tail -20 "$root/server.log" >&2; return 1; }
    printf '%s' "$extra" > "$root/extra-options"
    pg_say "started cluster $name on 127.0.0.1:$port ($data)"
  else
    pg_say "reusing running cluster $name ($data)"
    port=$(head -4 "$data/postmaster.pid" | tail -1)
  fi

  "$bin/psql" -h "$sock" -p "$port" -U "$user" -d postgres -qAt \
    -c "SELECT 1 FROM pg_roles WHERE rolname='dossiers'" | grep -q 1 \
    || "$bin/psql" -h "$sock" -p "$port" -U "$user" -d postgres -q -c "CREATE ROLE dossiers LOGIN SUPERUSER PASSWORD 'dossiers'"
  "$bin/psql" -h "$sock" -p "$port" -U "$user" -d postgres -qAt \
    -c "SELECT 1 FROM pg_database WHERE datname='dossiers'" | grep -q 1 \
    || "$bin/psql" -h "$sock" -p "$port" -U "$user" -d postgres -q -c "CREATE DATABASE dossiers OWNER dossiers"

  export DOSSIERS_DB="Host=127.0.0.1;Port=$port;Database=dossiers;Username=dossiers;Password=dossiers;Maximum Pool Size=100"
  export PG_DOSSIERS_DATA="$data" PG_DOSSIERS_BIN="$bin"
}

pg_down() {
  [ -n "${PG_DOSSIERS_DATA:-}" ] || return 0
  pg_as_owner "$PG_DOSSIERS_BIN/pg_ctl" -D "$PG_DOSSIERS_DATA" -m fast -w stop >/dev/null 2>&1 || true
}
