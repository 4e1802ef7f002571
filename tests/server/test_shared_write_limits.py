"""API write limits counted in a real Redis, shared by separate gunicorn servers.

As with the sign-in limits, two servers stand in for two workers (or two instances):
both use the same database, so the same token, and the same Redis.
"""

from __future__ import annotations

import http.client
import json

from tests.server.conftest import PRODUCTION


def predict(server, token: str) -> tuple[int, str | None]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request(
            "POST",
            "/api/predict",
            body=json.dumps({"years_experience": 3}),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )
        response = connection.getresponse()
        response.read()
        return response.status, response.headers.get("Retry-After")
    finally:
        connection.close()


def test_separate_servers_share_one_count_of_a_tokens_writes(start_gunicorn, project, redis_url):
    settings = {
        **PRODUCTION,
        "DATABASE_URL": f"sqlite:///{project / 'site_app.sqlite3'}",
        "RATELIMIT_STORAGE_URI": redis_url,
        "API_WRITE_LIMIT": "4/minute",
    }
    servers = [start_gunicorn(workers=1, **settings) for _ in range(2)]
    for server in servers:
        server.wait_for_workers(1)
    token = servers[0].create_api_token("shared")

    # Alternating: each server sees three of the six writes, under the limit alone.
    answers = [predict(servers[attempt % 2], token) for attempt in range(6)]

    assert [status for status, _ in answers] == [201] * 4 + [429] * 2
    assert all(1 <= int(retry_after) <= 60 for _, retry_after in answers[4:])
    _, _, stored = servers[1].get("/api/past_predictions")
    assert len(json.loads(stored)["items"]) == 4
