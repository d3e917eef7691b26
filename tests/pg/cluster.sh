#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks.
#   cluster.sh start DIR SOCKET_DIR PORT   creates DIR, starts a server there, listening only on
#                                          SOCKET_DIR/.s.PGSQL.PORT; superuser "linkway", trust
#   cluster.sh stop DIR SOCKET_DIR         stops it and removes both folders
#   cluster.sh down DIR                    stops the server, keeping its data
#   cluster.sh up DIR SOCKET_DIR PORT      starts it again
#   cluster.sh url SOCKET_DIR PORT [DB]    prints the URL to connect with
# PostgreSQL will not run as root; as root, the server runs as the "postgres" user that
# Debian's package creates.
set -euo pipefail

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$dir" ]; then
    echo "cluster.sh: PostgreSQL is not installed (Debian package postgresql)" >&2
    exit 1
  fi
  echo "$dir"
}

# As root, run as "postgres" from /, since the caller's folder may be closed to that user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

stop() {
  local dir=$1 sock=$2
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir" "$sock"
}

up() {
  local dir=$1 sock=$2 port=$3
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$sock' -p $port \
        -c max_connections=300 -c shared_buffers=128MB" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
}

case "${1:-}" in
  start)
    dir=$(realpath -m "$2") sock=$(realpath -m "$3") port=$4
    stop "$dir" "$sock"
    mkdir -p "$dir" "$sock"
    if [ "$(id -u)" = 0 ]; then
      chown postgres "$dir" "$sock"
      if ! runuser -u postgres -- test -w "$dir"; then
        echo "cluster.sh: the postgres user cannot reach $dir (is a parent folder private?);" \
          "choose a folder it can reach" >&2
        exit 1
      fi
    fi
    as_owner "$(bindir)/initdb" -D "$dir/data" -U linkway -A trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    up "$dir" "$sock" "$port"
    ;;
  down)
    as_owner "$(bindir)/pg_ctl" -D "$(realpath -m "$2")/data" -m fast -w stop >/dev/null
    ;;
  up)
    up "$(realpath -m "$2")" "$(realpath -m "$3")" "$4"
    ;;
  stop)
    stop "$(realpath -m "$2")" "$(realpath -m "$3")"
    ;;
  url)
    echo "postgresql:///${4:-postgres}?host=$2&port=$3&user=linkway"
    ;;
  *)
    echo "usage: cluster.sh start DIR SOCKET_DIR PORT | stop DIR SOCKET_DIR | url SOCKET_DIR PORT [DB]" >&2
    exit 2
    ;;
esac
