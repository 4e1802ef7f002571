"""What operators watch: requests by endpoint and status, and how long they took, in the
Prometheus text format at /metrics (the health blueprint serves it).

Counted by a WSGI middleware around the whole app, so pages the page cache answers
before Flask runs are counted too (as the endpoint "page_cache"). Under gunicorn every
worker is its own process: gunicorn.conf.py points PROMETHEUS_MULTIPROC_DIR at a fresh
folder where prometheus_client keeps each worker's numbers, and /metrics adds them up.
Elsewhere (flask run, the tests) the numbers live in the one process.

/metrics answers only clients on loopback or a private network: nginx never proxies it
(deploy/nginx.conf.j2), and a request that reaches it from anywhere else gets the 404 of
a page that does not exist.
"""

from __future__ import annotations

import ipaddress
import os
import time
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from flask import Flask, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from site_app.middleware.proxies import is_in

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

ENDPOINT_KEY = "site_app.endpoint"
# Answered before Flask ran: no endpoint was chosen.
PAGE_CACHE = "page_cache"

REQUESTS = Counter(
    "site_app_requests", "Requests answered, by endpoint, method and status.",
    ["endpoint", "method", "status"],
)  # fmt: skip
LATENCY = Histogram(
    "site_app_request_duration_seconds",
    "Time from a request reaching the app to its answer starting, by endpoint.",
    ["endpoint"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
# Only the methods HTTP defines become labels: anything else a client invents is one.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def register_metrics(app: Flask) -> None:
    """Name each request's endpoint for CountedApp, which create_app's stack puts outside
    the page cache, so the pages it answers are counted too."""
    app.before_request(note_endpoint)


def note_endpoint() -> None:
    # For the middleware, which sees the request only as WSGI: no endpoint, no route.
    request.environ[ENDPOINT_KEY] = request.endpoint or "none"


Series = tuple[Any, Any]  # the request counter and the latency histogram of one answer kind


@cache
def series(endpoint: str, method: str, status: str) -> Series:
    """The two series an answer is counted in, kept once made: looking them up by their
    labels was most of what counting cost. The label sets are few: endpoints, methods
    and statuses are fixed."""
    return REQUESTS.labels(endpoint, method, status), LATENCY.labels(endpoint)


class CountedApp:
    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()

        def counted_start(status: str, headers: Any, exc_info: Any = None) -> Callable[..., Any]:
            method = environ.get("REQUEST_METHOD", "")
            requests, latency = series(
                environ.get(ENDPOINT_KEY, PAGE_CACHE),
                method if method in METHODS else "other",
                status[:3],
            )
            requests.inc()
            latency.observe(time.perf_counter() - started)
            return start_response(status, headers, exc_info)

        return self.app(environ, counted_start)


# Loopback and the private networks (RFC 1918, IPv6 unique local): where operators'
# scrapers run. Written out: Python's is_private also takes documentation ranges.
INTERNAL_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "127.0.0.0/8",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "::1/128",
        "fc00::/7",
    )
)


def may_read_metrics(address: str | None) -> bool:
    return is_in(address or "", INTERNAL_NETWORKS)


def metrics_text() -> tuple[bytes, str]:
    """Every worker's numbers, added up, in Prometheus' text format."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
