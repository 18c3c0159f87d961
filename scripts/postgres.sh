#!/usr/bin/env bash
# A project-local PostgreSQL for development and tests.
#   scripts/postgres.sh start NAME   start (initialising on first use) and print its admin URL
#   scripts/postgres.sh stop NAME    stop it
#   scripts/postgres.sh restart NAME [fast|immediate]   restart it on the same port (tests of outages)
#   scripts/postgres.sh url NAME     print its admin URL
#   scripts/postgres.sh start-tls NAME   as start, with TLS: a CA and a server certificate made with
#                                    openssl (SAN 127.0.0.1 and localhost) in .local/postgres/NAME/tls,
#                                    ssl=on, listening on 127.0.0.1 and 127.0.0.2 (a loopback address
#                                    the certificate does not name); prints the admin URL
#   scripts/postgres.sh ca NAME      print the path of a TLS cluster's CA certificate
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

# A CA and a server certificate it signs (SAN 127.0.0.1 and localhost), made once per cluster; the
# key is the server user's, mode 0600, as PostgreSQL insists.
make_certificates() {
    local tls="$dir/tls"
    [ -f "$tls/server.crt" ] && return
    mkdir -p "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=opinion-ledger test CA" \
        -keyout "$tls/ca.key" -out "$tls/ca.crt" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$tls/server.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 3650 \
        -extfile "$tls/server.ext" -out "$tls/server.crt" 2>/dev/null
    chmod 600 "$tls/server.key" "$tls/ca.key"
    chmod 644 "$tls/ca.crt" "$tls/server.crt"
    if [ "$(id -u)" = 0 ]; then chown "$owner" "$tls/server.key" "$tls/server.crt"; fi
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
    local tls="${1:-}"
    mkdir -p "$dir"
    chmod 755 "$root/.local" "$root/.local/postgres" "$dir"
    if [ "$(id -u)" = 0 ]; then chown "$owner" "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        log "initialising $dir/data"
        as_owner "$bin/initdb" -D "$dir/data" -U ledger --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    [ -f "$dir/port" ] || free_port >"$dir/port"
    local options="-c listen_addresses=127.0.0.1 -c max_connections=400"
    if [ -n "$tls" ]; then
        make_certificates
        # host lines match TLS and plain connections alike; 127.0.0.2 is where the certificate's
        # name does not match.
        grep -q "opinion-ledger tls" "$dir/data/pg_hba.conf" || printf '%s\n' "# opinion-ledger tls" \
            "hostssl all ledger 127.0.0.0/8 trust" "host all ledger 127.0.0.0/8 trust" >>"$dir/data/pg_hba.conf"
        options="-c listen_addresses=127.0.0.1,127.0.0.2 -c max_connections=400 -c ssl=on"
        options="$options -c ssl_cert_file=$dir/tls/server.crt -c ssl_key_file=$dir/tls/server.key"
    fi
    mkdir -p "$dir/socket"
    if [ "$(id -u)" = 0 ]; then chown "$owner" "$dir/socket"; fi
    if ! running; then
        local port; port="$(cat "$dir/port")"
        if ! without_inherited_fds as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir/socket $options" start >/dev/null; then
            # The recorded port may have been taken since: pick another once.
            free_port >"$dir/port"; port="$(cat "$dir/port")"
            without_inherited_fds as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
                -o "-p $port -k $dir/socket $options" start >/dev/null \
                || { tail -n 20 "$dir/server.log" >&2; exit 1; }
        fi
        log "PostgreSQL '$name' listening on 127.0.0.1:$port"
    fi
    url
}

case "$action" in
    start) start ;;
    start-tls) start tls ;;
    ca) echo "$dir/tls/ca.crt" ;;
    stop) if running; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi ;;
    restart)
        mode="${3:-fast}"
        case "$mode" in fast | immediate) ;; *) echo "restart mode must be fast or immediate" >&2; exit 2 ;; esac
        without_inherited_fds as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m "$mode" -w -t 60 restart >/dev/null
        ;;
    url) url ;;
    *) echo "usage: $0 start|start-tls|stop|restart|url|ca NAME" >&2; exit 2 ;;
esac
