# A throwaway PostgreSQL cluster for the suite, sourced by .ci/run.
#
#   source .ci/postgres.sh
#   pg_throwaway_start   # initdb + start on 127.0.0.1:<free port>, exports WIKER_TEST_POSTGRES_URL
#   pg_throwaway_stop    # stop it and delete its files (idempotent; .ci/run calls it from a trap)
#
# Trust authentication, but only on a socket in the cluster's own directory and on 127.0.0.1;
# fsync off: the cluster lives as long as one test run. initdb refuses to run as root, so as root
# the cluster belongs to the `postgres` user (created by Debian's postgresql package).

PG_THROWAWAY_DIR=""
PG_THROWAWAY_BIN=""

pg_throwaway_bindir() {
  local dir
  dir="$(pg_config --bindir 2>/dev/null || true)"
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] || return 1
  echo "$dir"
}

pg_throwaway_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")  # from a directory the postgres user may enter
  else
    "$@"
  fi
}

pg_throwaway_start() {
  PG_THROWAWAY_BIN="$(pg_throwaway_bindir)" || {
    echo "ci: PostgreSQL's initdb/pg_ctl not found (install Debian's postgresql package)" >&2
    return 1
  }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "ci: running as root needs the 'postgres' user to own the test cluster" >&2
    return 1
  fi
  PG_THROWAWAY_DIR="$(mktemp -d /tmp/wiker-pg.XXXXXX)"  # short: the socket path has a length limit
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_THROWAWAY_DIR"
  local data="$PG_THROWAWAY_DIR/data" log="$PG_THROWAWAY_DIR/server.log" port attempt
  if ! pg_throwaway_as_owner "$PG_THROWAWAY_BIN/initdb" -D "$data" -U wiker -E UTF8 --locale=C.UTF-8 \
    --auth=trust --no-sync >"$PG_THROWAWAY_DIR/initdb.log" 2>&1; then
    cat "$PG_THROWAWAY_DIR/initdb.log" >&2
    return 1
  fi
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$data/pg_hba.conf"
  # A free port can be taken between the probe and the start: try a few.
  for attempt in 1 2 3 4 5; do
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    if pg_throwaway_as_owner "$PG_THROWAWAY_BIN/pg_ctl" -D "$data" -l "$log" -w -s -t 60 -o \
      "-p $port -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      export WIKER_TEST_POSTGRES_URL="postgresql+psycopg://wiker@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  echo "ci: the test PostgreSQL cluster did not start:" >&2
  tail -n 20 "$log" >&2 2>/dev/null || true
  return 1
}

pg_throwaway_stop() {
  if [ -n "$PG_THROWAWAY_DIR" ] && [ -d "$PG_THROWAWAY_DIR" ]; then
    if [ -f "$PG_THROWAWAY_DIR/data/postmaster.pid" ]; then
      pg_throwaway_as_owner "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate -s stop \
        >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_THROWAWAY_DIR"
  fi
  PG_THROWAWAY_DIR=""
  unset WIKER_TEST_POSTGRES_URL
}
