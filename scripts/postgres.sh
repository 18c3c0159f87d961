#!/usr/bin/env bash
# A project-local PostgreSQL for development and tests.
#   scripts/postgres.sh start NAME   start (initialising on first use) and print its admin URL
#   scripts/postgres.sh stop NAME    stop it
#   scripts/postgres.sh restart NAME [fast|immediate]   restart it on the same port (tests of outages)
#   scripts/postgres.sh url NAME     print its admin URL
# Data lives in .local/postgres/NAME (git-ignored). initdb refuses to run as root, so as root the
# server runs as the unprivileged `postgres` OS user (created with the Debian package). It listens on
# 127.0.0.1 only, with trust authentication for the `ledger` role: a development server, never a
# production one (production sets DATABASE_URL).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
action="${1:-}"
name="${2:-dev}"
dir="$root/.local/postgres/$name"

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
    if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_postgres() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        log "PostgreSQL server binaries not found; install PostgreSQL 15+ (Debian: postgresql postgresql-contrib)"
        exit 1
    fi
    log "installing PostgreSQL from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >&2
}

bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    install_postgres
    bin="$(find_bin)"
fi

# As root, run every server command as an unprivileged OS user.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$owner" -- "$@"
    else
        "$@"
    fi
}
if [ "$(id -u)" = 0 ]; then
    owner=postgres
    id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
fi

free_port() {
    python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

url() {
    echo "postgres://ledger@127.0.0.1:$(cat "$dir/port")/postgres?sslmode=disable"
}

running() {
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

# Runs "$@" with no file descriptors but 0-2: the server it starts lives on, and must not hold
# whatever its caller left open (a test harness learns that this script ended when a descriptor
# it gave the script closes).
without_inherited_fds() {
    (
        for fd in /proc/self/fd/*; do
            fd="${fd##*/}"
            if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        "$@"
    )
}

start() {
    mkdir -p "$dir"
    chmod 755 "$root/.local" "$root/.local/postgres" "$dir"
    if [ "$(id -u)" = 0 ]; then chown "$owner" "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        log "initialising $dir/data"
        as_owner "$bin/initdb" -D "$dir/data" -U ledger --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    [ -f "$dir/port" ] || free_port >"$dir/port"
    mkdir -p "$dir/socket"
    if [ "$(id -u)" = 0 ]; then chown "$owner" "$dir/socket"; fi
    if ! running; then
        local port; port="$(cat "$dir/port")"
        if ! without_inherited_fds as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c max_connections=400" start >/dev/null; then
            # The recorded port may have been taken since: pick another once.
            free_port >"$dir/port"; port="$(cat "$dir/port")"
            without_inherited_fds as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
                -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c max_connections=400" start >/dev/null \
                || { tail -n 20 "$dir/server.log" >&2; exit 1; }
        fi
        log "PostgreSQL '$name' listening on 127.0.0.1:$port"
    fi
    url
}

case "$action" in
    start) start ;;
    stop) if running; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi ;;
    restart)
        mode="${3:-fast}"
        case "$mode" in fast | immediate) ;; *) echo "restart mode must be fast or immediate" >&2; exit 2 ;; esac
        without_inherited_fds as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m "$mode" -w -t 60 restart >/dev/null
        ;;
    url) url ;;
    *) echo "usage: $0 start|stop|restart|url NAME" >&2; exit 2 ;;
esac
