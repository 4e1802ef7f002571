"""CPU time per request in this process, for a page of the site beside the minimal app.

No server and no network: each request is a WSGI call with a prepared environ, its body
read to the end. Under load on a 2-core machine wall-clock numbers drift with whatever
else runs; process CPU time does not, so this is the steady half of ``make bench``.
Both apps are measured in alternating rounds and compared by their medians.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from werkzeug.test import EnvironBuilder

COUNTER = itertools.count()
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass(frozen=True)
class Cost:
    page_us: float
    minimal_us: float

    @property
    def ratio(self) -> float:
        """How many of this page the site serves per minimal-app request (higher is better)."""
        return self.minimal_us / self.page_us


def environ_for(path: str, host: str, method: str = "GET", **options: Any) -> dict[str, Any]:
    builder = EnvironBuilder(path=path, base_url=f"http://{host}", method=method, **options)
    try:
        return builder.get_environ()
    finally:
        builder.close()


def call(app: WSGIApp, environ: dict[str, Any]) -> int:
    """One request; its status code."""
    status: list[str] = []

    def start_response(code: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        status.append(code)

    body = app(dict(environ), start_response)
    try:
        for _ in body:
            pass
    finally:
        close = getattr(body, "close", None)
        if close:
            close()
    return int(status[0].split()[0])


# One environ for every call, or a function that makes the n-th call's (a new page each
# time: the cost of a cache miss).
Environs = dict[str, Any] | Callable[[int], dict[str, Any]]


def microseconds_per_call(app: WSGIApp, environs: Environs, calls: int) -> float:
    prepared = [environs(next(COUNTER)) if callable(environs) else environs for _ in range(calls)]
    started = time.process_time()
    for environ in prepared:
        call(app, environ)
    return (time.process_time() - started) / calls * 1e6


def cost(
    page: tuple[WSGIApp, Environs],
    minimal: tuple[WSGIApp, Environs],
    *,
    rounds: int = 5,
    calls: int = 200,
) -> Cost:
    """Median CPU µs per request of ``page`` and ``minimal``, in alternating rounds."""
    for app, environ in (page, minimal):  # warm-up: first renders compile templates
        microseconds_per_call(app, environ, 20)
    page_runs, minimal_runs = [], []
    for _ in range(rounds):
        minimal_runs.append(microseconds_per_call(*minimal, calls))
        page_runs.append(microseconds_per_call(*page, calls))
    return Cost(statistics.median(page_runs), statistics.median(minimal_runs))
