"""The health check: cheap, JSON, always 200 while a worker can answer."""

from __future__ import annotations


def test_healthz_answers_ok_in_json(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == {"status": "ok"}


def test_healthz_sets_no_cookie(client):
    assert "Set-Cookie" not in client.get("/healthz").headers
