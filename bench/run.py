"""``make bench``: requests/s and latency of every page, next to a minimal Flask app.

Both apps run under the real gunicorn (2 workers, gunicorn.conf.py, production settings)
on loopback, and wrk loads each path. This machine's speed drifts, so the two are
measured in turns, seconds apart: for each path, ROUNDS rounds of minimal app then page,
and the page's ratio is its median requests/s over the minimal app's median from the
same rounds. A page passes at TARGET_RATIO or above.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tools.production_server import production_server

TARGET_RATIO = 0.85
SECONDS = int(os.environ.get("BENCH_SECONDS", "2"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = 16
PAGES = [
    "/",
    "/welcome",
    "/goodbye",
    "/hello/Ada",
    "/users",
    "/user/admin",
    "/admin",
    "/guest/Ada",
    "/about",
    "/no-such-page",
    "/healthz",
]
PERCENTILE = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$", re.MULTILINE)
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


@dataclass
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(base_url: str, path: str, seconds: int) -> Run:
    command = ["wrk", "--threads", "2", "--connections", str(CONNECTIONS), "--latency"]
    url = base_url + path
    output = subprocess.run(
        [*command, "--duration", f"{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    latency = {percent: to_ms(value, unit) for percent, value, unit in PERCENTILE.findall(output)}
    errors = SOCKET_ERRORS.search(output)
    return Run(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=latency["50"],
        p99_ms=latency["99"],
        errors=sum(int(count) for count in errors.groups()) if errors else 0,
    )


def median_run(runs: list[Run]) -> Run:
    return Run(
        requests_per_second=statistics.median(run.requests_per_second for run in runs),
        p50_ms=statistics.median(run.p50_ms for run in runs),
        p99_ms=statistics.median(run.p99_ms for run in runs),
        errors=sum(run.errors for run in runs),
    )


def main() -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does this on Debian)")
    with (
        production_server("minimal_app:app", Path(__file__).parent) as minimal,
        production_server("wsgi:app") as site,
    ):
        wrk(minimal, "/", 1)  # warm-up
        wrk(site, "/", 1)
        rows = []
        for path in PAGES:
            baseline_runs, page_runs = [], []
            for _ in range(ROUNDS):
                baseline_runs.append(wrk(minimal, "/", SECONDS))
                page_runs.append(wrk(site, path, SECONDS))
            rows.append((path, median_run(baseline_runs), median_run(page_runs)))

    print(
        f"gunicorn, 2 workers, production settings; wrk, 2 threads, {CONNECTIONS} connections;"
        f" medians of {ROUNDS} x {SECONDS}s, taken in turns with the minimal app\n"
    )
    header = ("path", "req/s", "p50 ms", "p99 ms", "minimal", "ratio", "")
    print("{:<16}{:>8}{:>9}{:>9}{:>9}{:>7}  {}".format(*header))
    failures = 0
    for path, baseline, page in rows:
        ratio = page.requests_per_second / baseline.requests_per_second
        if page.errors:
            verdict = f"{page.errors} socket errors"
        else:
            verdict = "ok" if ratio >= TARGET_RATIO else f"below {TARGET_RATIO}"
        failures += verdict != "ok"
        print(
            f"{path:<16}{page.requests_per_second:>8.0f}{page.p50_ms:>9.2f}{page.p99_ms:>9.2f}"
            f"{baseline.requests_per_second:>9.0f}{ratio:>7.2f}  {verdict}"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
