"""The attacks that need a real server, replayed against gunicorn on loopback.

Worker memory is read from /proc (VmRSS) of the one worker serving every request.
Request counts and times are bounded; the server is stopped by PID when a test ends.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from site_app.api.jsonrpc import MAX_BATCH_LENGTH
from site_app.middleware.security_headers import SECURITY_HEADERS
from site_app.models.database import MAX_LIST_LENGTH
from tests.credentials import ADMIN_PASSWORD_HASH
from tests.processes import make_project_copy
from tests.server.conftest import PRODUCTION, Gunicorn

# Growth a worker may show across a whole attack: allocator noise, not a leak.
MEMORY_SLACK_KB = 3 * 1024


def worker_memory_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")


def request(port: int, method: str, path: str, body: str | None = None, token: str = ""):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gunicorn]:
    """One server of one worker for the whole module: each test measures the worker
    before and after its own attack, so the attacks need no fresh process."""
    project = make_project_copy(tmp_path_factory.mktemp("project"))
    database = project / "site_app.sqlite3"
    with Gunicorn(
        project,
        WEB_CONCURRENCY="1",
        **{**PRODUCTION, "API_WRITE_LIMIT": "10000/minute"},
        DATABASE_URL=f"sqlite:///{database}",
    ) as server:
        (server.worker,) = server.wait_for_workers(1)
        # Attacks come with a valid token too: a client with one must not break a worker.
        server.token = server.create_api_token("attacker")
        yield server


def test_new_static_names_do_not_grow_a_worker(one_worker):
    """1,500 names no file has: anything kept per name of 350 bytes or more (a path, its
    hash and a dict entry come to about that) would grow the worker by half a megabyte.
    The worker grew by 12 kB in each of four runs, so half a megabyte is no allocator
    noise; a path and a copy of it 8 times longer kept per name (about 490 bytes) grew
    it by 732-748 kB. More names would find no smaller leak: the bound is per name."""
    names, slack_kb = 1500, 512

    def ask_for(numbers: range) -> list[int]:
        return [
            request(one_worker.port, "GET", f"/static/css/new-{n}.css?v={n:012x}")[0]
            for n in numbers
        ]

    ask_for(range(250))  # warm up: imports, caches and pools are made
    before = worker_memory_kb(one_worker.worker)
    with ThreadPoolExecutor(max_workers=4) as pool:
        chunks = [range(start, start + names // 4) for start in range(250, 250 + names, names // 4)]
        statuses = [status for chunk in pool.map(ask_for, chunks) for status in chunk]
    after = worker_memory_kb(one_worker.worker)

    assert statuses == [404] * names
    assert after - before < slack_kb, f"grew {after - before} kB"


def test_repeated_large_batches_do_not_grow_a_worker(one_worker):
    for n in range(MAX_LIST_LENGTH + 20):
        income = json.dumps({"description": f"income number {n} " + "x" * 150, "amount": n})
        assert request(one_worker.port, "POST", "/api/incomes", income, one_worker.token)[0] == 201
    largest_page = {"limit": MAX_LIST_LENGTH}
    batch = json.dumps(
        [
            {"jsonrpc": "2.0", "id": n, "method": "Incomes.list", "params": largest_page}
            for n in range(MAX_BATCH_LENGTH)
        ]
    )

    def send_batches(count: int) -> list[tuple[int, int]]:
        answers = []
        for _ in range(count):
            status, _, body = request(one_worker.port, "POST", "/api/rpc", batch)
            answers.append((status, [len(call["result"]["items"]) for call in json.loads(body)]))
        return answers

    send_batches(5)
    before = worker_memory_kb(one_worker.worker)
    answers = send_batches(40)
    after = worker_memory_kb(one_worker.worker)
    too_long = request(one_worker.port, "POST", "/api/rpc", batch[:-1] + "," + batch[1:])

    assert answers == [(200, [MAX_LIST_LENGTH] * MAX_BATCH_LENGTH)] * 40
    assert after - before < MEMORY_SLACK_KB, f"grew {after - before} kB"
    assert too_long[0] == 200  # a JSON-RPC error object is an answer
    assert json.loads(too_long[2])["error"]["code"] == -32600


def test_hostile_requests_get_refused_with_security_headers_and_no_log_flood(one_worker):
    hostile = [
        ("GET", f"/static/{'a' * 300}.css?v=0123456789ab", None),
        ("GET", f"/static/{'b' * 3000}", None),
        ("POST", "/api/incomes", "[" * 5000 + "]" * 5000),
        ("POST", "/api/rpc", "[" * 990 + "]" * 990),
        ("POST", "/api/incomes", '{"description": "\\ud800", "amount": 1}'),
        ("GET", "/api/incomes/%EF%BC%91", None),
    ]
    log_before = one_worker.stderr

    answers = [request(one_worker.port, *attack, one_worker.token) for attack in hostile * 20]
    log_written = one_worker.stderr[len(log_before) :]

    # JSON-RPC answers its parse error as an error object, with HTTP 200.
    assert [status for status, _, _ in answers] == [404, 404, 400, 200, 400, 404] * 20
    assert json.loads(answers[3][2])["error"]["code"] == -32700
    for _, headers, _ in answers:
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value
    assert "Traceback" not in log_written
    assert len(log_written) < 2000


def test_production_with_sign_in_refuses_per_worker_limits(start_gunicorn):
    server = start_gunicorn(
        workers=2,
        **{**PRODUCTION, "API_WRITE_LIMIT": "60/minute", "PREDICT_FORM_LIMIT": "30/minute"},
        ADMIN_PASSWORD_HASH=ADMIN_PASSWORD_HASH,
    )

    assert server.process.wait(timeout=15) == 1
    errors = [line for line in server.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        "Error: RATELIMIT_STORAGE_URI is memory:// with 2 workers: each worker would count "
        "failed sign-ins, API writes (API_WRITE_LIMIT), Predict forms (PREDICT_FORM_LIMIT) "
        "alone, multiplying each limit by 2 (and forget them on restart). Set "
        "RATELIMIT_STORAGE_URI to a shared store such as redis://127.0.0.1:6379/0, or "
        "WEB_CONCURRENCY=1, or switch the write limits off (API_WRITE_LIMIT=off, "
        "PREDICT_FORM_LIMIT=off) with admin sign-in off."
    ]
    assert "Traceback" not in server.stderr
