#!/usr/bin/env python3
"""Read and write cost against the size of the log, through HTTP (scripts/bench --reads).

`measure` times every read route of the benchmark's national log (written by `opinion-ledger
bench-seed`) at 1 client and at CLIENTS clients, each now, `asOf` and `atPosition` (a cut halfway
through the log), and the two writes (`POST /v1/reports` on the sample obligation's untouched
duties, `POST /v1/incidents`), and saves p50/p99 per line with the log's size and the server's RSS.
`report` prints two saved runs (the 10 % log and the full one) side by side with the ratio
full / 10 % of each figure and the issue's targets. Standard library only.
"""
import argparse
import calendar
import concurrent.futures
import http.client
import json
import sys
import time
import urllib.parse

READ_TARGET_P99 = 0.050
WRITE_TARGET_P50 = 0.005
RATIO_TARGET = 1.5


class Client:
    """One kept-alive HTTP/1.1 connection (like a real client's pool member)."""

    def __init__(self, base, token):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.connection = None

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=data, headers=self.headers)
                answer = self.connection.getresponse()
                payload = answer.read()
                return answer.status, payload, time.perf_counter() - started
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def must(self, method, path, body=None):
        status, payload, seconds = self.request(method, path, body)
        if status >= 300:
            raise SystemExit(f"bench-reads: {method} {path} answered {status}: {payload[:300]!r}")
        return payload, seconds


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def measure(args):
    client = Client(args.base, args.token)
    head = json.loads(client.must("GET", "/v1/events?limit=1&after=0")[0])["head"]
    middle = head // 2
    event = json.loads(client.must("GET", f"/v1/events?after={middle - 1}&limit=1")[0])["events"][0]
    as_of = urllib.parse.quote(event["recordedAt"])
    # An incident that exists at the cut as well: the first one logged by then.
    listed = json.loads(client.must("GET", f"/v1/incidents?limit=1&sort=loggedAt&atPosition={middle}")[0])["incidents"]
    if not listed:
        raise SystemExit(f"bench-reads: no incident at position {middle}; write more months or incidents")
    incident = listed[0]["incidentId"]
    period = args.period
    year, month = divmod(2023 * 12 + 11 + args.window_month, 12)
    window_from = f"{year}-{month + 1:02d}-01"
    window_to = f"{year}-{month + 1:02d}-{calendar.monthrange(year, month + 1)[1]:02d}"
    reads = {
        "compliance table (1 province, ~1,000 rows)": f"/v1/compliance?obligation=thang&period={period}&under=tinh-1",
        "compliance summary (a province)": f"/v1/compliance/summary?under=tinh-1&period={period}",
        "consolidation (quarterly, 110 reporters)": f"/v1/consolidations/quy/{args.quarter}",
        "consolidation (monthly, whole country)": f"/v1/consolidations/thang/{period}",
        "a commune's compliance history (a year)": "/v1/compliance/units/xa-1-1-3?from=2024-01-01&to=2024-12-31",
        "incident list page (open, under a province)": "/v1/incidents?status=open&under=tinh-1&limit=50",
        "incident list page (q=dat dai)": "/v1/incidents?q=dat%20dai&limit=50",
        "one incident": f"/v1/incidents/{incident}",
        "incident figures (a province, the log's last month)": f"/v1/incidents/summary?under=tinh-1&from={window_from}&to={window_to}",
    }
    lines = {}
    failures = {}

    def timed(path, clients, per_client):
        # Each client stops after `count` requests or --budget seconds (at least 5 requests), so a
        # slow line cannot take the run's whole time.
        def run(count):
            own = Client(args.base, args.token)
            own.must("GET", path)  # connection and first-answer warm-up, not counted
            times, started = [], time.perf_counter()
            while len(times) < count and (len(times) < 5 or time.perf_counter() - started < args.budget):
                status, payload, seconds = own.request("GET", path)
                if status >= 300:  # counted and shown, not fatal: one bad line must not lose the run
                    failures[path] = failures.get(path, 0) + 1
                    failures[f"{path} last"] = f"{status} {payload[:200]!r}"
                times.append(seconds)
            return times

        if clients == 1:
            return run(per_client)
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            return [t for times in pool.map(run, [per_client] * clients) for t in times]

    for name, path in reads.items():
        joiner = "&" if "?" in path else "?"
        for label, suffix in (("now", ""), ("asOf", f"{joiner}asOf={as_of}"), ("atPosition", f"{joiner}atPosition={middle}")):
            for clients, per_client in ((1, args.samples), (args.clients, max(5, args.samples // 4))):
                times = timed(path + suffix, clients, per_client)
                lines[f"{name}, {label}|{clients}"] = (percentile(times, 0.5), percentile(times, 0.99), len(times))
            failed = failures.get(path + suffix, 0)
            print(f"  {name}, {label}: p50 {lines[f'{name}, {label}|1'][0] * 1000:.1f} ms, "
                  f"p99 {lines[f'{name}, {label}|1'][1] * 1000:.1f} ms at 1 client; p50 {lines[f'{name}, {label}|{args.clients}'][0] * 1000:.1f} ms, "
                  f"p99 {lines[f'{name}, {label}|{args.clients}'][1] * 1000:.1f} ms at {args.clients}"
                  + (f"; {failed} answers failed, the last: {failures[path + suffix + ' last']}" if failed else ""), flush=True)

    # Writes: the sample obligation's duties are never filed by bench-seed; each run files its own periods.
    samples = json.loads(client.must("GET", "/v1/obligations/mau")[0])["reporters"]["unitIds"][: args.sample_units]
    month = args.first_write_month

    def period_of(index):  # months from 2023-12
        total = 2023 * 12 + 11 + index
        return f"{total // 12}-{total % 12 + 1:02d}"

    # Receipts recorded by the recipient (the admin token may record them; filing as the unit needs its own token).
    received = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))

    def filings(periods):
        return [{"obligationId": "mau", "unitId": unit, "period": period_of(p), "summary": f"Báo cáo {period_of(p)} của {unit}",
                 "receivedAt": received, "channel": "documentSystem"}
                for p in periods for unit in samples]

    def incident_body(n):
        return {"source": "electronicNews", "outlet": "Báo Mới", "publishedAt": "2026-11-20T08:00:00+07:00",
                "title": f"Phản ánh đo thời gian số {n}", "summary": "Người dân phản ánh về giải phóng mặt bằng.",
                "unitIds": ["xa-1-1-5"], "severity": "medium", "topics": ["đất đai"]}

    def write_times(path, bodies, clients):
        def run(chunk):
            own = Client(args.base, args.token)
            times = []
            for body in chunk:
                status, payload, seconds = own.request("POST", path, body)
                if status >= 300:
                    raise SystemExit(f"bench-reads: POST {path} answered {status}: {payload[:300]!r}")
                times.append(seconds)
            return times

        if clients == 1:
            return run(bodies)
        chunks = [bodies[i::clients] for i in range(clients)]
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            return [t for times in pool.map(run, chunks) for t in times]

    one = filings([month])
    many = filings(range(month + 1, month + 1 + args.write_months))
    for clients, bodies in ((1, one), (args.clients, many)):
        times = write_times("/v1/reports", bodies, clients)
        lines[f"POST /v1/reports|{clients}"] = (percentile(times, 0.5), percentile(times, 0.99), len(times))
    stamp = int(time.time())
    for clients, count in ((1, len(one)), (args.clients, len(many))):
        times = write_times("/v1/incidents", [incident_body(f"{stamp}-{clients}-{i}") for i in range(count)], clients)
        lines[f"POST /v1/incidents|{clients}"] = (percentile(times, 0.5), percentile(times, 0.99), len(times))
    result = {"label": args.label, "head": head, "failures": {k: v for k, v in failures.items() if not k.endswith(" last")}, "rssKiB": rss_kib(args.server_pid) if args.server_pid else None, "lines": lines}
    with open(args.out, "w") as out:
        json.dump(result, out)
    print(f"{args.label}: {head:,} events; server RSS {result['rssKiB'] and result['rssKiB'] // 1024} MiB", flush=True)
    return 0


def report(args):
    small, full = (json.load(open(path)) for path in (args.small, args.full))
    clients = sorted({int(key.split("|")[1]) for key in full["lines"]})
    names = list(dict.fromkeys(key.split("|")[0] for key in full["lines"]))
    print(f"\nlog: {small['head']:,} events ({small['label']}) → {full['head']:,} events ({full['label']}), "
          f"{full['head'] / max(1, small['head']):.1f}×; server RSS after each run: "
          f"{(small['rssKiB'] or 0) // 1024} MiB, {(full['rssKiB'] or 0) // 1024} MiB (target < 150 MB)\n")
    header = "| answer | " + " | ".join(
        f"{c} client{'s' if c > 1 else ''}: p50 / p99 ms, {small['label']} → {full['label']}" for c in clients)
    print(header + " | ratio p50 (1 client) | ratio p99 (1 client) | target |")
    print("|---|" + "---:|" * (len(clients) + 3))
    misses = []
    for name in names:
        cells = []
        for c in clients:
            a = small["lines"].get(f"{name}|{c}")
            b = full["lines"].get(f"{name}|{c}")
            cells.append(f"{a[0] * 1000:.1f} / {a[1] * 1000:.1f} → {b[0] * 1000:.1f} / {b[1] * 1000:.1f}" if a and b else "—")
        a, b = small["lines"][f"{name}|1"], full["lines"][f"{name}|1"]
        ratio50, ratio99 = b[0] / a[0], b[1] / a[1]
        write = name.startswith("POST")
        met = (b[0] < WRITE_TARGET_P50) if write else (b[1] < READ_TARGET_P99)
        target = ("p50 < 5 ms" if write else "p99 < 50 ms") + (" met" if met else " MISSED")
        if not met:
            misses.append(name)
        if ratio50 > RATIO_TARGET:
            target += f"; ratio > {RATIO_TARGET}"
            misses.append(name + " (ratio)")
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio50:.2f} | {ratio99:.2f} | {target} |")
    print(f"\n{len(names) - len(set(m.split(' (ratio)')[0] for m in misses))} of {len(names)} lines meet every target")
    for run in (small, full):
        for path, count in (run.get("failures") or {}).items():
            print(f"{run['label']}: {count} answers failed for {path}")
    return 0


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    m = commands.add_parser("measure")
    m.add_argument("--base", required=True)
    m.add_argument("--token", required=True)
    m.add_argument("--label", required=True)
    m.add_argument("--out", required=True)
    m.add_argument("--server-pid", type=int)
    m.add_argument("--samples", type=int, default=60, help="requests per line at one client (a quarter of it per client at CLIENTS)")
    m.add_argument("--clients", type=int, default=16)
    m.add_argument("--budget", type=float, default=20, help="seconds per line and client count before it stops sampling")
    m.add_argument("--window-month", type=int, default=0, help="the month (from 2023-12) the incident figures are asked for")
    m.add_argument("--period", default="2024-02")
    m.add_argument("--quarter", default="2024-Q1")
    m.add_argument("--sample-units", type=int, default=64)
    m.add_argument("--first-write-month", type=int, default=0, help="the sample obligation's month (from 2023-12) filed at one client")
    m.add_argument("--write-months", type=int, default=4, help="months of the sample obligation filed at CLIENTS clients")
    r = commands.add_parser("report")
    r.add_argument("small")
    r.add_argument("full")
    args = parser.parse_args()
    return measure(args) if args.command == "measure" else report(args)


if __name__ == "__main__":
    sys.exit(main())
