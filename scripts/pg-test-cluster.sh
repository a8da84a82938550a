#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the sync server's tests and benchmark, on loopback only.
#   eval "$(scripts/pg-test-cluster.sh start)"   # prints export lines (VAGT_TEST_PG_URL, …)
#   scripts/pg-test-cluster.sh restart DIR       # restarts it (the fault suite uses this)
#   scripts/pg-test-cluster.sh pause DIR         # stops the database, keeping DIR (fault tests)
#   scripts/pg-test-cluster.sh resume DIR        # starts it again on the same port
#   scripts/pg-test-cluster.sh stop DIR          # stops it and removes DIR
# It runs as the `postgres` user (initdb refuses root); the cluster lives in a mktemp folder
# owned by postgres, with its unix socket there too, and listens on a free 127.0.0.1 port.
set -euo pipefail

bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  echo "pg-test-cluster: no PostgreSQL binaries (apt-get install postgresql)" >&2
  return 1
}

as_pg() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

cmd=${1:-}
case "$cmd" in
  start)
    BIN=$(bindir)
    DIR=$(mktemp -d /tmp/vagt-pg-XXXXXX)
    chown postgres: "$DIR"
    chmod 700 "$DIR"
    PORT=$(free_port)
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # Small and fast: a test cluster needs no durability beyond the process; fsync stays on so
    # the restart test and the benchmark measure what production would do.
    echo "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c max_connections=200 -c shared_buffers=64MB" >"$DIR/opts"
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -s start -o "$(cat "$DIR/opts")" >/dev/null
    echo "export VAGT_TEST_PG_URL=postgresql://postgres@127.0.0.1:$PORT/postgres"
    echo "export VAGT_TEST_PG_DIR=$DIR"
    ;;
  restart)
    DIR=${2:?usage: pg-test-cluster.sh restart DIR}
    BIN=$(bindir)
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -s -m fast restart >/dev/null
    ;;
  pause)
    DIR=${2:?usage: pg-test-cluster.sh pause DIR}
    as_pg "$(bindir)/pg_ctl" -D "$DIR/data" -w -s -m fast stop >/dev/null
    ;;
  resume)
    DIR=${2:?usage: pg-test-cluster.sh resume DIR}
    as_pg "$(bindir)/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -s start -o "$(cat "$DIR/opts")" >/dev/null
    ;;
  stop)
    DIR=${2:?usage: pg-test-cluster.sh stop DIR}
    case "$DIR" in /tmp/vagt-pg-*) ;; *) echo "pg-test-cluster: refusing to remove $DIR" >&2; exit 1 ;; esac
    BIN=$(bindir)
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -w -s -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: pg-test-cluster.sh start | restart DIR | pause DIR | resume DIR | stop DIR" >&2
    exit 2
    ;;
esac
