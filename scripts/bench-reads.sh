# Sourced by scripts/bench for --reads: a fresh database, the release `serve`, and the HTTP driver
# scripts/bench_reads.py (read and write cost against the size of the log; docs/performance.md).
reads_pid=""
reads_stop() {
    if [ -n "$reads_pid" ] && kill -0 "$reads_pid" 2>/dev/null; then
        kill -TERM "$reads_pid" 2>/dev/null || true
        wait "$reads_pid" 2>/dev/null || true
    fi
    reads_pid=""
}
trap 'reads_stop; cleanup' EXIT

step "fresh database $store_db"
sql "CREATE DATABASE $store_db"
export DATABASE_URL
DATABASE_URL="$(db_url "$store_db")"
"$bin" migrate

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
step "serve (release) on $base"
HOST=127.0.0.1 PORT="$port" LOG_LEVEL=warning "$bin" serve 2>"$work/serve.log" &
reads_pid=$!
for _ in $(seq 1 300); do
    curl -fs "$base/health/ready" >/dev/null 2>&1 && break
    kill -0 "$reads_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "bench: serve exited" >&2; exit 1; }
    sleep 0.1
done
curl -fs "$base/health/ready" >/dev/null || { echo "bench: serve did not become ready" >&2; exit 1; }
token="$("$bin" tokens create --role admin --name bench-reads 2>/dev/null)"
step "reads against the size of the log: ${reads_districts} districts × ${reads_communes} communes, months ${reads_months}"
python3 scripts/bench_reads.py --base "$base" --token "$token" --districts "$reads_districts" --communes "$reads_communes" \
    --months "$reads_months" --samples "$reads_samples"
