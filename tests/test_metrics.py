"""/metrics: requests by endpoint and status with their latency, in Prometheus' format,
for the internal network only."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from site_app import create_app
from tests.html import heading


def samples(client) -> dict[tuple[str, tuple], float]:
    """Every sample /metrics gives, parsed by prometheus_client's own parser."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.get_data(as_text=True))
        for sample in family.samples
    }


def requests_of(found, endpoint, status, method="GET") -> float:
    labels = (("endpoint", endpoint), ("method", method), ("status", status))
    return found.get(("site_app_requests_total", labels), 0.0)


def test_requests_are_counted_by_endpoint_method_and_status(client):
    before = samples(client)
    for _ in range(3):
        client.get("/healthz")
    client.get("/no-such-page")
    client.post("/about")
    client.open("/about", method="BREW")

    after = samples(client)

    assert (
        requests_of(after, "health.healthz", "200") - requests_of(before, "health.healthz", "200")
        == 3
    )
    assert requests_of(after, "none", "404") - requests_of(before, "none", "404") == 1
    assert (
        requests_of(after, "none", "405", "POST") - requests_of(before, "none", "405", "POST") == 1
    )
    # A method nobody defined is one label, whatever a client invents.
    assert requests_of(after, "none", "405", "other") >= 1


def test_latency_is_a_histogram_by_endpoint(client):
    before = samples(client)
    client.get("/healthz")

    after = samples(client)
    count = ("site_app_request_duration_seconds_count", (("endpoint", "health.healthz"),))
    slowest = (
        "site_app_request_duration_seconds_bucket",
        (("endpoint", "health.healthz"), ("le", "+Inf")),
    )

    assert after[count] - before.get(count, 0) == 1
    assert after[slowest] == after[count]


def test_pages_the_page_cache_answers_are_counted_too():
    app = create_app({"APP_ENV": "testing", "PAGE_CACHE_URI": "memory://"}, environ={})
    app.debug = False
    client = app.test_client()
    client.get("/about")  # stored
    before = samples(client)

    client.get("/about")  # answered by the cache, before Flask runs

    assert (
        requests_of(samples(client), "page_cache", "200") - requests_of(before, "page_cache", "200")
        == 1
    )


def metrics_asked_from(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client.get("/metrics")


@pytest.mark.parametrize("address", ["203.0.113.9", "8.8.8.8", "2001:db8::1", "100.64.0.1"])
def test_metrics_are_not_for_the_public(app, address):
    response = metrics_asked_from(app, address)

    assert response.status_code == 404
    assert heading(response) == "Page not found"


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.7", "::1"])
def test_metrics_are_for_loopback_and_private_networks(app, address):
    response = metrics_asked_from(app, address)

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "site_app_requests_total" in response.get_data(as_text=True)
