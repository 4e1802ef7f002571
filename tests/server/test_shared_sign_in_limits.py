"""Failed sign-ins counted in a real Redis, shared by separate gunicorn servers.

Two servers stand in for two workers: which worker takes a request is the kernel's
choice, but alternating between two servers is certain. Both count in the same Redis,
started on a free loopback port and stopped by PID.
"""

from __future__ import annotations

import http.client
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from tests.credentials import ADMIN_PASSWORD_HASH
from tests.server.conftest import PRODUCTION

BEHIND_TLS_PROXY = {**PRODUCTION, "ADMIN_PASSWORD_HASH": ADMIN_PASSWORD_HASH, "PROXY_COUNT": "1"}


def failed_sign_in(server) -> int:
    """One wrong password, as a browser sends the form over HTTPS through a TLS proxy
    (whose part is played here: it says the request came over HTTPS)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request(
            "POST",
            "/login",
            body=urllib.parse.urlencode({"username": "admin", "password": "a wrong guess"}),
            headers={
                "X-Forwarded-Proto": "https",
                "Content-Type": "application/x-www-form-urlencoded",
                "Sec-Fetch-Site": "same-origin",
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_separate_servers_share_one_count_of_failed_sign_ins(start_gunicorn, redis_url):
    settings = {**BEHIND_TLS_PROXY, "RATELIMIT_STORAGE_URI": redis_url}
    servers = [start_gunicorn(workers=1, **settings) for _ in range(2)]
    for server in servers:
        server.wait_for_workers(1)

    # Alternating: each server sees only three of the six attempts.
    statuses = [failed_sign_in(servers[attempt % 2]) for attempt in range(6)]

    assert statuses == [422] * 5 + [429]
    assert failed_sign_in(servers[0]) == 429
    assert failed_sign_in(servers[1]) == 429


def test_with_memory_storage_each_server_counts_alone(start_gunicorn):
    """Why the shared store matters: the same six attempts are never refused."""
    servers = [start_gunicorn(workers=1, **BEHIND_TLS_PROXY) for _ in range(2)]
    for server in servers:
        server.wait_for_workers(1)

    statuses = [failed_sign_in(servers[attempt % 2]) for attempt in range(6)]

    # Each server has counted only three: under the limit of five, nothing is refused.
    assert statuses == [422] * 6


def test_forty_parallel_guesses_get_no_more_password_checks_than_the_limit(
    start_gunicorn, redis_url
):
    """Each attempt is counted before its password is checked, atomically in Redis: 40
    guesses sent at once over 4 workers get 5 checks (422), and 35 refusals (429)."""
    settings = {**BEHIND_TLS_PROXY, "RATELIMIT_STORAGE_URI": redis_url}
    servers = [start_gunicorn(workers=2, **settings) for _ in range(2)]
    for server in servers:
        server.wait_for_workers(2)

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(lambda attempt: failed_sign_in(servers[attempt % 2]), range(40)))

    assert sorted(statuses) == [422] * 5 + [429] * 35
