"""Requests/s and p99 of a path under the real gunicorn, loaded by wrk on loopback."""

from __future__ import annotations

import re
import statistics
import subprocess
from dataclasses import dataclass

CONNECTIONS = 16
PERCENTILE = re.compile(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
UNEXPECTED = re.compile(r"Non-2xx or 3xx responses: (\d+)")


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p99_ms: float
    errors: int  # socket errors, and error statuses where the page answers 2xx or 3xx


def wrk(url: str, seconds: float, *, error_status_expected: bool = False) -> Load:
    command = ["wrk", "--threads", "2", "--connections", str(CONNECTIONS), "--latency"]
    output = subprocess.run(
        [*command, "--duration", f"{seconds:g}s", url], capture_output=True, text=True, check=True
    ).stdout
    percentile = PERCENTILE.search(output)
    if percentile is None:
        raise SystemExit(f"wrk measured nothing at {url}:\n{output}")
    value, unit = percentile.groups()
    sockets = SOCKET_ERRORS.search(output)
    statuses = UNEXPECTED.search(output)
    errors = sum(int(count) for count in sockets.groups()) if sockets else 0
    if statuses and not error_status_expected:
        errors += int(statuses.group(1))
    return Load(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),  # type: ignore[index]
        p99_ms=float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit],
        errors=errors,
    )


@dataclass(frozen=True)
class Comparison:
    load: Load
    ratio: float  # median over rounds of (page req/s / minimal req/s in the same round)


def compare(
    page_url: str, minimal_url: str, *, rounds: int, seconds: float, error_status: bool
) -> Comparison:
    """Alternating pairs, minimal app then page, seconds apart: the machine drifts less."""
    ratios, loads = [], []
    for _ in range(rounds):
        minimal = wrk(minimal_url, seconds)
        page = wrk(page_url, seconds, error_status_expected=error_status)
        ratios.append(page.requests_per_second / minimal.requests_per_second)
        loads.append(page)
    median = Load(
        statistics.median(load.requests_per_second for load in loads),
        statistics.median(load.p99_ms for load in loads),
        sum(load.errors for load in loads),
    )
    return Comparison(median, statistics.median(ratios))
