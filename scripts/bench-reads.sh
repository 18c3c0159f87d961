# Sourced by scripts/bench for --reads: a fresh database, the national log written through the store
# by `opinion-ledger bench-seed` (first the first ~10 % of its months, then the rest), the release
# `serve`, and the HTTP driver scripts/bench_reads.py measuring every read route and the two writes
# on each log size; then both side by side with the ratios (docs/performance.md).
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
token="$("$bin" tokens create --role admin --name bench-reads 2>/dev/null)"
shape=(--provinces "$reads_provinces" --districts "$reads_districts" --communes "$reads_communes"
       --incidents "$reads_incidents" --months "$reads_months")
small_months=$(( (reads_months * reads_share + 50) / 100 ))
[ "$small_months" -ge 1 ] || small_months=1
[ "$small_months" -lt "$reads_months" ] || small_months=$((reads_months - 1))

reads_serve() {
    local port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    base="http://127.0.0.1:$port"
    HOST=127.0.0.1 PORT="$port" LOG_LEVEL=warning "$bin" serve 2>>"$work/serve.log" &
    reads_pid=$!
    for _ in $(seq 1 600); do
        curl -fs "$base/health/ready" >/dev/null 2>&1 && break
        kill -0 "$reads_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "bench: serve exited" >&2; exit 1; }
        sleep 0.2
    done
    curl -fs "$base/health/ready" >/dev/null || { echo "bench: serve did not become ready" >&2; exit 1; }
    # The followed projections (open-incidents) catch up with the log before anything is timed.
    local started=$SECONDS lag
    while true; do
        lag="$(curl -fs -H "Authorization: Bearer $token" "$base/v1/admin/projections" \
            | python3 -c 'import json,sys; print(sum(p["lagEvents"] for p in json.load(sys.stdin)["projections"]))')"
        [ "$lag" = 0 ] && break
        [ $((SECONDS - started)) -lt 1800 ] || { echo "bench: projections still $lag events behind after 30 min" >&2; exit 1; }
        sleep 2
    done
    echo "serve on $base (pid $reads_pid); projections caught up in $((SECONDS - started)) s"
}

measure_reads() {
    local label="$1" first_write_month="$2" window_month="$3"
    step "measure: $label"
    sql "VACUUM ANALYZE" >/dev/null
    sql "CHECKPOINT"
    load before
    python3 scripts/bench_reads.py measure --base "$base" --token "$token" --label "$label" --out "$work/$label.json" \
        --server-pid "$reads_pid" --samples "$reads_samples" --first-write-month "$first_write_month" \
        --window-month "$window_month"
    load after
}

step "bench-seed: the tree, the obligations and months 0–$((small_months - 1)) of $reads_months"
"$bin" bench-seed "${shape[@]}" --to-month "$small_months"
reads_serve
measure_reads "small" 0 "$((small_months - 1))"
reads_stop
step "bench-seed: months $small_months–$((reads_months - 1))"
"$bin" bench-seed "${shape[@]}" --from-month "$small_months"
reads_serve
measure_reads "full" 5 "$((reads_months - 1))"
reads_stop
step "reads and writes against the size of the log"
echo "tree: $reads_provinces provinces × $reads_districts districts × $reads_communes communes; $reads_incidents incidents over $reads_months months; the small log is months 0–$((small_months - 1))"
python3 scripts/bench_reads.py report "$work/small.json" "$work/full.json"
