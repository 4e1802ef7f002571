"""make fleet-bench: requests/s and p99 of one app instance, and of the fleet through
nginx with one instance and with two, on this machine (docs/deploy.md has the numbers).

wrk loads each setup in turn, a few rounds each, and the median of the rounds is
reported. One more row is the ceiling: nginx serving a small static file over the same
TLS. A page the same for everyone, held by nginx's page cache, is held to targets: at
least CEILING_SHARE of that ceiling and ENGINE_TIMES times one gunicorn instance; it
exits 1 when one is missed.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench.under_gunicorn import Load, wrk
from tools import fleet as fleet_tool
from tools.production_server import free_port

ROUNDS = 3
SECONDS = 5
# Targets for a page from nginx's page cache (docs/performance.md).
CEILING_SHARE = 0.8
ENGINE_TIMES = 3.0
CACHED_PAGE = "/about"
# A small file nginx serves from disk: the fastest answer it gives over this TLS.
STATIC_FILE = "/static/favicon.svg"
# A file about as large as the cached page (6 KB), to tell the cache's cost from the
# cost of encrypting a page-sized answer.
PAGE_SIZED_FILE = "/static/css/site.css"
PATHS = {
    "/about": "a page, from the shared page cache",
    "/api/incomes?limit=50": "an API list, from PostgreSQL",
}


def median(loads: list[Load]) -> Load:
    return Load(
        statistics.median(load.requests_per_second for load in loads),
        statistics.median(load.p99_ms for load in loads),
        sum(load.errors for load in loads),
    )


def measure(url: str) -> Load:
    wrk(url, 1)  # warm up: connections, caches
    return median([wrk(url, SECONDS) for _ in range(ROUNDS)])


def main() -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make fleet-bench does this)")
    directory = Path(tempfile.mkdtemp(prefix="site_app-fleet-bench-")) / "fleet"
    fleet = fleet_tool.start(directory, free_port(), free_port())
    rows = []
    cached: dict[str, Load] = {}
    try:
        for path, what in PATHS.items():
            direct = measure(f"http://127.0.0.1:{fleet.app_ports[0]}{path}")
            fleet.drained = [fleet.app_ports[1]]
            fleet_tool.reload_nginx(fleet)
            one = measure(f"{fleet.address}{path}")
            fleet.drained = []
            fleet_tool.reload_nginx(fleet)
            two = measure(f"{fleet.address}{path}")
            cached.setdefault(path, two)
            cached.setdefault(f"{path} direct", direct)
            for setup, load in [
                ("one instance, direct (HTTP)", direct),
                ("nginx (HTTPS) + one instance", one),
                ("nginx (HTTPS) + two instances", two),
            ]:
                rows.append(
                    f"| `{path}`: {what} | {setup} | {load.requests_per_second:,.0f} "
                    f"| {load.p99_ms:.1f} | {load.errors} |"
                )
        static = measure(f"{fleet.address}{STATIC_FILE}")
        page_sized = measure(f"{fleet.address}{PAGE_SIZED_FILE}")
        for path, what, load in [
            (STATIC_FILE, "a small static file, the ceiling", static),
            (PAGE_SIZED_FILE, "a static file of the page's size", page_sized),
        ]:
            rows.append(
                f"| `{path}`: {what} | nginx (HTTPS) | {load.requests_per_second:,.0f} "
                f"| {load.p99_ms:.1f} | {load.errors} |"
            )
    finally:
        fleet_tool.stop(directory)
        shutil.rmtree(directory.parent, ignore_errors=True)
    print(
        f"wrk, 2 threads, 16 connections, median of {ROUNDS} runs of {SECONDS} s; each "
        f"instance: gunicorn, {fleet_tool.WORKERS_PER_INSTANCE} sync workers\n"
    )
    print("| path | setup | requests/s | p99 (ms) | errors |")
    print("|---|---|---:|---:|---:|")
    print("\n".join(rows))
    page = cached[CACHED_PAGE].requests_per_second
    share = page / static.requests_per_second
    times = page / cached[f"{CACHED_PAGE} direct"].requests_per_second
    print(
        f"\n`{CACHED_PAGE}` through nginx: {share:.2f} of the small static file "
        f"(target {CEILING_SHARE}), {times:.1f} times one instance (target {ENGINE_TIMES}), "
        f"{page / page_sized.requests_per_second:.2f} of a static file of its size"
    )
    return 0 if share >= CEILING_SHARE and times >= ENGINE_TIMES else 1


if __name__ == "__main__":
    sys.exit(main())
