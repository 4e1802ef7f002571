"""Limits counted in a real Redis shared by separate gunicorn servers: failed sign-ins
and API writes.

Two servers stand in for two instances: which worker takes a request is the kernel's
choice, but alternating between two servers is certain. The two servers and their Redis
start once for the module; each test is a client of its own, so none sees another's
counts: its own address (the servers stand behind a TLS proxy, whose part the tests
play, so they take the client's address from X-Forwarded-For) and its own user name, or
its own API token.
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.credentials import ADMIN_PASSWORD_HASH
from tests.processes import make_project_copy
from tests.server.conftest import PRODUCTION, Gunicorn, running_redis

BEHIND_TLS_PROXY = {**PRODUCTION, "ADMIN_PASSWORD_HASH": ADMIN_PASSWORD_HASH, "PROXY_COUNT": "1"}


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Gunicorn]]:
    """Two servers of two workers each, one database and one Redis for all four."""
    project = make_project_copy(tmp_path_factory.mktemp("project"))
    with running_redis() as redis_url:
        settings = {
            **BEHIND_TLS_PROXY,
            "DATABASE_URL": f"sqlite:///{project / 'site_app.sqlite3'}",
            "RATELIMIT_STORAGE_URI": redis_url,
            "API_WRITE_LIMIT": "4/minute",
        }
        with (
            Gunicorn(project, WEB_CONCURRENCY="2", **settings) as first,
            Gunicorn(project, WEB_CONCURRENCY="2", **settings) as second,
        ):
            for server in (first, second):
                server.wait_for_workers(2)
            yield [first, second]


def failed_sign_in(server: Gunicorn, client: str, username: str = "admin") -> int:
    """One wrong password from the address ``client``, as a browser sends the form over
    HTTPS through a TLS proxy (whose part is played here: it says the request came over
    HTTPS, and from whom)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request(
            "POST",
            "/login",
            body=urllib.parse.urlencode({"username": username, "password": "a wrong guess"}),
            headers={
                "X-Forwarded-For": client,
                "X-Forwarded-Proto": "https",
                "Content-Type": "application/x-www-form-urlencoded",
                "Sec-Fetch-Site": "same-origin",
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_separate_servers_share_one_count_of_failed_sign_ins(servers):
    # Alternating: each server sees only three of the six attempts.
    statuses = [failed_sign_in(servers[attempt % 2], "192.0.2.1") for attempt in range(6)]

    assert statuses == [422] * 5 + [429]
    assert failed_sign_in(servers[0], "192.0.2.1") == 429
    assert failed_sign_in(servers[1], "192.0.2.1") == 429
    # Another address is not held back by this one's mistakes.
    assert failed_sign_in(servers[0], "192.0.2.2", username="editor") == 422


def test_with_memory_storage_each_server_counts_alone(start_gunicorn):
    """Why the shared store matters: the same six attempts are never refused. (With
    memory:// and sign-in on, production refuses more than one worker a server.)"""
    alone = [start_gunicorn(workers=1, **BEHIND_TLS_PROXY) for _ in range(2)]
    for server in alone:
        server.wait_for_workers(1)

    statuses = [failed_sign_in(alone[attempt % 2], "192.0.2.1") for attempt in range(6)]

    # Each server has counted only three: under the limit of five, nothing is refused.
    assert statuses == [422] * 6


def test_forty_parallel_guesses_get_no_more_password_checks_than_the_limit(servers):
    """Each attempt is counted before its password is checked, atomically in Redis: 40
    guesses sent at once over 4 workers get 5 checks (422), and 35 refusals (429)."""

    def guess(attempt: int) -> int:
        return failed_sign_in(servers[attempt % 2], "198.51.100.7", username="operator")

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(guess, range(40)))

    assert sorted(statuses) == [422] * 5 + [429] * 35


def predict(server: Gunicorn, token: str) -> tuple[int, str | None]:
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


def test_separate_servers_share_one_count_of_a_tokens_writes(servers):
    token = servers[0].create_api_token("shared")
    _, _, before = servers[1].get("/api/past_predictions")

    # Alternating: each server sees three of the six writes, under the limit alone.
    answers = [predict(servers[attempt % 2], token) for attempt in range(6)]

    assert [status for status, _ in answers] == [201] * 4 + [429] * 2
    assert all(1 <= int(retry_after) <= 60 for _, retry_after in answers[4:])
    _, _, after = servers[1].get("/api/past_predictions")
    assert len(json.loads(after)["items"]) == len(json.loads(before)["items"]) + 4
