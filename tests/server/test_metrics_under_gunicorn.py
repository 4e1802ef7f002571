"""/metrics under the real gunicorn: every worker's requests, added up."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from tests.server.conftest import PRODUCTION


def healthz_count(server) -> float:
    status, _, text = server.get("/metrics")
    assert status == 200
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "site_app_requests_total"
        and sample.labels == {"endpoint": "health.healthz", "method": "GET", "status": "200"}
    )


def test_metrics_add_up_every_workers_requests(start_gunicorn):
    server = start_gunicorn(workers=3, **PRODUCTION)
    workers = server.wait_for_workers(3)
    before = healthz_count(server)

    for _ in range(60):
        assert server.get("/healthz")[0] == 200
    after = healthz_count(server)

    # Sixty requests over new connections land on more than one worker.
    assert len(workers) == 3
    assert after - before == 60
