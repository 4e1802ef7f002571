"""Two gunicorn workers writing one SQLite file at once lose no row."""

from __future__ import annotations

import http.client
import json
from concurrent.futures import ThreadPoolExecutor

from tests.server.conftest import PRODUCTION

POSTS = 60


def post_income(port: int, token: str, number: int) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        body = json.dumps({"description": f"income {number}", "amount": number})
        connection.request(
            "POST",
            "/api/incomes",
            body=body,
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )
        response = connection.getresponse()
        return response.status, json.loads(response.read())["id"]
    finally:
        connection.close()


def test_concurrent_posts_to_two_workers_lose_no_row(start_gunicorn, project):
    database = project / "data" / "site_app.sqlite3"
    # PRODUCTION has the write limit off: two workers would each count it alone.
    server = start_gunicorn(**PRODUCTION, DATABASE_URL=f"sqlite:///{database}")
    server.wait_for_workers(2)
    token = server.create_api_token("concurrency")

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(
            pool.map(lambda number: post_income(server.port, token, number), range(POSTS))
        )
    status, _, listing = server.get(f"/api/incomes?limit={POSTS}")
    stored = json.loads(listing)["items"]

    assert [status for status, _ in results] == [201] * POSTS
    assert len({new_id for _, new_id in results}) == POSTS
    assert status == 200
    assert len(stored) == POSTS
    assert sorted(item["description"] for item in stored) == sorted(
        f"income {number}" for number in range(POSTS)
    )
