#!/usr/bin/env python3
"""Read and write cost against the size of the log, through HTTP (scripts/bench --reads).

Seeds a province through the API (a recipient department, DISTRICTS districts with COMMUNES
communes each, one monthly obligation for every commune), then grows the log in phases: each phase
records every commune's report for more months (receipts recorded by an admin, on time). After each
phase it measures, at one client, p50/p99 of the compliance table, the summary, the consolidation,
a commune's history, the report list, each now, `asOf` and `atPosition` (halfway through the
reports written so far),
and of report filings (the last ones written). It prints one table: each figure per phase and the
ratio of the last phase to the first, next to the log's size. Standard library only.
"""
import argparse
import concurrent.futures
import json
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--months", default="1,4,12", help="months of reports in the log after each phase")
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--writers", type=int, default=8)
    args = parser.parse_args()
    months = [int(m) for m in args.months.split(",")]
    headers = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"}

    def request(method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(args.base + path, data=data, method=method, headers=headers)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=120) as answer:
                payload = answer.read()
                status = answer.status
        except urllib.error.HTTPError as error:
            payload = error.read()
            status = error.code
        return status, payload, time.perf_counter() - started

    def must(method, path, body=None):
        status, payload, seconds = request(method, path, body)
        if status >= 300:
            raise SystemExit(f"bench-reads: {method} {path} answered {status}: {payload[:300]!r}")
        return payload, seconds

    def parallel(jobs):
        with concurrent.futures.ThreadPoolExecutor(args.writers) as pool:
            return list(pool.map(lambda job: job(), jobs))

    started = time.perf_counter()
    must("POST", "/v1/units", {"id": "tinh", "name": "UBND tỉnh", "kind": "province", "effectiveFrom": "2024-01-01"})
    must("POST", "/v1/units", {"id": "so-tttt", "name": "Sở TT&TT", "kind": "provincialDepartment", "parentId": "tinh",
                               "effectiveFrom": "2024-01-01"})
    districts = [f"huyen-{d}" for d in range(1, args.districts + 1)]
    parallel([lambda d=d: must("POST", "/v1/units", {"id": d, "name": f"UBND {d}", "kind": "districtCommittee", "parentId": "tinh",
                                                     "effectiveFrom": "2024-01-01"}) for d in districts])
    communes = [f"xa-{d}-{c}" for d in range(1, args.districts + 1) for c in range(1, args.communes + 1)]
    parallel([lambda c=c: must("POST", "/v1/units", {"id": c, "name": f"UBND {c}", "kind": "commune",
                                                     "parentId": "huyen-" + c.split("-")[1], "effectiveFrom": "2024-01-01"})
              for c in communes])
    must("POST", "/v1/obligations", {
        "id": "thang", "title": "Báo cáo tháng", "reporters": {"kinds": ["commune"], "underUnitId": "tinh"},
        "recipientUnitId": "so-tttt", "schedule": {"kind": "monthly", "dueDay": 23}, "effectiveFrom": "2025-01"})
    # A second obligation for the sampled communes, so the writes timed one at a time never collide
    # with the phases' filings.
    must("POST", "/v1/obligations", {
        "id": "mau", "title": "Báo cáo mẫu", "reporters": {"unitIds": communes[: args.samples]},
        "recipientUnitId": "so-tttt", "schedule": {"kind": "monthly", "dueDay": 23}, "effectiveFrom": "2025-01"})
    print(f"seeded {2 + len(districts) + len(communes)} units and two obligations in {time.perf_counter() - started:.1f} s",
          flush=True)

    def period(index):  # 2025-01, 2025-02, …
        return f"{2025 + index // 12}-{index % 12 + 1:02d}"

    def head():
        payload, _ = must("GET", "/v1/events?limit=1&after=0")
        return json.loads(payload).get("head", 0)

    def percentile(values, fraction):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]

    seeded = head()
    results = []  # (phase log size, {name: (p50, p99)})
    filed = 0
    for phase, upto in enumerate(months):
        writes = []
        started = time.perf_counter()
        jobs = []
        for index in range(filed, upto):
            p = period(index)
            for c in communes:
                body = {"obligationId": "thang", "unitId": c, "period": p, "summary": f"Báo cáo {p} của {c}",
                        "receivedAt": f"{p}-20T09:00:00+07:00"}
                jobs.append(lambda body=body: must("POST", "/v1/reports", body)[1])
        writes = parallel(jobs)
        filed = upto
        size = head()
        print(f"phase {phase + 1}: {len(writes)} filings in {time.perf_counter() - started:.1f} s; the log holds {size} events",
              flush=True)
        middle = (seeded + size) // 2  # a cut halfway through the reports so far
        payload, _ = must("GET", f"/v1/events?after={middle - 1}&limit=1")
        events = json.loads(payload)["events"]
        as_of = urllib.parse.quote(events[0]["recordedAt"]) if events else ""
        p0 = period(0)
        routes = {
            "compliance table": f"/v1/compliance?obligation=thang&period={p0}",
            "summary (province)": f"/v1/compliance/summary?under=tinh&period={p0}",
            "consolidation": f"/v1/consolidations/thang/{p0}",
            "a commune's history": f"/v1/compliance/units/{communes[0]}?from=2025-01-01&to=2025-12-31",
            "report list page": "/v1/reports?limit=50",
            "units under a district": "/v1/units?under=huyen-1&limit=100",
        }
        figures = {}
        for name, path in routes.items():
            joiner = "&" if "?" in path else "?"
            for label, suffix in (("now", ""), ("asOf", f"{joiner}asOf={as_of}"), ("atPosition", f"{joiner}atPosition={middle}")):
                times = [must("GET", path + suffix)[1] for _ in range(args.samples)]
                figures[f"{name}, {label}"] = (percentile(times, 0.5), percentile(times, 0.99))
        # Writes measured one at a time, under the second obligation (the log grows by these few).
        single = []
        for c in communes[: args.samples]:
            body = {"obligationId": "mau", "unitId": c, "period": period(phase), "summary": "Báo cáo",
                    "receivedAt": f"{period(phase)}-20T09:00:00+07:00"}
            status, payload, seconds = request("POST", "/v1/reports", body)
            if status < 300:
                single.append(seconds)
        if single:
            figures["POST /v1/reports, 1 client"] = (percentile(single, 0.5), percentile(single, 0.99))
        results.append((size, figures))

    first_size, first = results[0]
    last_size, last = results[-1]
    print()
    print(f"| answer | " + " | ".join(f"p50 / p99 ms at {size:,} events" for size, _ in results) + " | last / first (p50) |")
    print("|---|" + "---:|" * (len(results) + 1))
    for name in first:
        cells = []
        for _, figures in results:
            p50, p99 = figures.get(name, (float("nan"), float("nan")))
            cells.append(f"{p50 * 1000:.1f} / {p99 * 1000:.1f}")
        ratio = last[name][0] / first[name][0] if name in last and first[name][0] > 0 else float("nan")
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f} |")
    print(f"\nlog size: {first_size:,} → {last_size:,} events ({last_size / max(1, first_size):.1f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
