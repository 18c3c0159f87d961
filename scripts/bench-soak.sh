# The soak mode of scripts/bench (`scripts/bench --soak [MINUTES]`), sourced by it after the build:
# it uses bench's $bin, $work, $store_db, sql/db_url/step, and the soak_* options.
# Not meant to run on its own.

soak_pid=""
soak_stop() {
    if [ -n "$soak_pid" ] && kill -0 "$soak_pid" 2>/dev/null; then
        kill -TERM "$soak_pid" 2>/dev/null || true
        wait "$soak_pid" 2>/dev/null || true
    fi
    soak_pid=""
}
trap 'soak_stop; cleanup' EXIT

# Resident set size of the server in KiB (VmRSS), and its threads.
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$soak_pid/status"; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$soak_pid/status"; }
served() { if [ -f "$work/codes" ]; then wc -l <"$work/codes" | tr -d ' '; else echo 0; fi; }

step "fresh database $store_db"
sql "CREATE DATABASE $store_db"
export DATABASE_URL
DATABASE_URL="$(db_url "$store_db")"
"$bin" migrate

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
step "serve (release) on $base${server_env[*]:+ with ${server_env[*]}}"
env "${server_env[@]}" HOST=127.0.0.1 PORT="$port" LOG_LEVEL=warning "$bin" serve 2>"$work/serve.log" &
soak_pid=$!
for _ in $(seq 1 300); do
    curl -fs "$base/health/ready" >/dev/null 2>&1 && break
    kill -0 "$soak_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "bench: serve exited" >&2; exit 1; }
    sleep 0.1
done
curl -fs "$base/health/ready" >/dev/null || { echo "bench: serve did not become ready" >&2; exit 1; }

step "seed a province: 21 units, 40 incidents (through the API)"
token="$("$bin" tokens create --role admin --name soak 2>/dev/null)"
post() { # path json
    local code
    code="$(curl -s -o "$work/post.out" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data-binary "$2" "$base$1")"
    case "$code" in 2??) ;; *) echo "bench: POST $1 answered $code: $(cat "$work/post.out")" >&2; exit 1 ;; esac
}
post /v1/units '{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2024-01-01"}'
for d in $(seq 1 20); do
    post /v1/units "{\"id\":\"huyen-$d\",\"name\":\"UBND huyện $d\",\"kind\":\"districtCommittee\",\"parentId\":\"tinh\",\"effectiveFrom\":\"2024-01-01\"}"
done
published="$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)"
for i in $(seq 1 40); do
    post /v1/incidents "{\"source\":\"electronicNews\",\"outlet\":\"Báo Mới\",\"url\":\"https://baomoi.vn/soak-$i.epi\",
        \"publishedAt\":\"$published\",\"title\":\"Tin số $i\",\"summary\":\"Người dân phản ánh.\",\"topics\":[\"đất đai\"],
        \"unitIds\":[\"huyen-$(( i % 20 + 1 ))\"],\"severity\":\"high\",\"reach\":1500,\"hotSpot\":true}"
done

# The reads: lists, one incident, the feed, summaries, health. Each must answer 200.
incident="$(curl -fs -H "Authorization: Bearer $token" "$base/v1/incidents?limit=1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["incidents"][0]["incidentId"])')"
paths=(
    "/v1/incidents?limit=20" "/v1/incidents/$incident" "/v1/incidents/summary" "/v1/units"
    "/v1/events?limit=50" "/v1/obligations" "/v1/rules" "/health/ready"
)
for path in "${paths[@]}"; do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base$path")"
    [ "$code" = 200 ] || { echo "bench: GET $path answered $code" >&2; exit 1; }
done
batch=2000
for i in $(seq 0 $((batch - 1))); do
    printf 'url = "%s%s"\noutput = "/dev/null"\n' "$base" "${paths[$((i % ${#paths[@]}))]}"
done >"$work/batch.cfg"
echo "reads: ${paths[*]}; $soak_concurrency at once, batches of $batch"

sleep 5 # let the seeding writes and projections settle
load_seconds="$(awk -v m="$soak_minutes" 'BEGIN { printf "%d", m * 60 }')"
: >"$work/codes"
printf '%8s  %6s  %9s  %8s  %7s\n' phase t_s requests rss_mib threads | tee "$work/samples.txt"
sample() { # phase t
    printf '%8s  %6s  %9s  %8.1f  %7s\n' "$1" "$2" "$(served)" "$(awk -v k="$(rss_kib)" 'BEGIN { print k / 1024 }')" \
        "$(threads)" | tee -a "$work/samples.txt"
}
start_rss="$(rss_kib)"
sample start 0

# The load: curl batches, back to back, until the time is up; statuses go to $work/codes.
(
    end=$((SECONDS + load_seconds))
    while [ "$SECONDS" -lt "$end" ]; do
        curl -s --parallel --parallel-max "$soak_concurrency" -H "Authorization: Bearer $token" \
            -w '%{http_code}\n' -K "$work/batch.cfg" >>"$work/codes" 2>/dev/null || true
    done
) &
load_pid=$!
began=$SECONDS
half_requests=""; half_rss=""
while kill -0 "$load_pid" 2>/dev/null; do
    sleep "$soak_sample"
    t=$((SECONDS - began))
    sample load "$t"
    if [ -z "$half_requests" ] && [ "$t" -ge $((load_seconds / 2)) ]; then half_requests="$(served)"; half_rss="$(rss_kib)"; fi
done
wait "$load_pid" || true
end_requests="$(served)"
end_rss="$(rss_kib)"
: "${half_requests:=$end_requests}" "${half_rss:=$end_rss}"

idle_began=$SECONDS
while [ $((SECONDS - idle_began)) -lt "$soak_idle" ]; do
    sleep "$soak_sample"
    sample idle $((SECONDS - began))
done
idle_rss="$(rss_kib)"

not_ok="$(grep -vc '^200$' "$work/codes" || true)"
step "soak summary (${soak_minutes} min of reads, ${soak_idle} s idle${server_env[*]:+, ${server_env[*]}})"
awk -v s="$start_rss" -v h="$half_rss" -v e="$end_rss" -v i="$idle_rss" -v hr="$half_requests" -v er="$end_requests" \
    -v secs="$load_seconds" -v bad="$not_ok" 'BEGIN {
    printf "requests: %d (%.0f/s), not 200: %d\n", er, er / secs, bad
    printf "RSS: start %.1f MiB, half-way %.1f MiB, end of load %.1f MiB, after idle %.1f MiB\n", s/1024, h/1024, e/1024, i/1024
    printf "growth per 1,000 requests: first half %.3f MiB, second half %.3f MiB\n", \
        (hr > 0 ? (h - s) / 1024 / hr * 1000 : 0), (er > hr ? (e - h) / 1024 / (er - hr) * 1000 : 0)
    printf "given back when idle: %.1f MiB\n", (e - i) / 1024
}'
soak_stop
