"""gunicorn under faults: graceful stop, a killed worker, a reload under load.

Loopback only, with bounded request counts and time limits.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.server.conftest import PRODUCTION

# The real app plus one slow page, so requests are surely in flight when a signal lands.
SLOW_APP = """
import time

from flask import request

from wsgi import app


@app.get("/slow")
def slow():
    time.sleep(float(request.args["seconds"]))
    return "finished"
"""


@pytest.fixture
def slow_app(project):
    (project / "slow_wsgi.py").write_text(SLOW_APP)
    return "slow_wsgi:app"


def test_sigterm_lets_requests_in_flight_finish_and_exits_0(start_gunicorn, slow_app):
    server = start_gunicorn(slow_app, **PRODUCTION)
    server.wait_for_workers(2)

    with ThreadPoolExecutor(max_workers=2) as pool:
        in_flight = [pool.submit(server.get, "/slow?seconds=1.5") for _ in range(2)]
        time.sleep(0.5)  # both requests are now inside a worker
        server.signal(signal.SIGTERM)
        results = [future.result(timeout=10) for future in in_flight]

    assert [(status, body) for status, _, body in results] == [(200, "finished")] * 2
    assert server.stop() == 0
    with pytest.raises(ConnectionRefusedError):
        server.get("/healthz", timeout=1)


def test_a_killed_worker_is_replaced_and_service_goes_on(start_gunicorn):
    server = start_gunicorn(**PRODUCTION)
    workers = server.wait_for_workers(2)
    victim = min(workers)

    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        now = server.worker_pids()
        if victim not in now and len(now) == 2:
            break
        time.sleep(0.05)

    assert victim not in now
    assert len(now) == 2
    assert [server.get("/about")[0] for _ in range(20)] == [200] * 20
    server.stop()
    assert f"Worker (pid:{victim}) was sent SIGKILL!" in server.stderr


def test_sighup_reload_under_steady_requests_loses_none(start_gunicorn):
    server = start_gunicorn(**PRODUCTION)
    old_workers = server.wait_for_workers(2)
    outcomes: list[int | str] = []
    stop = threading.Event()

    def steady_requests() -> None:
        while not stop.is_set() and len(outcomes) < 2000:
            try:
                outcomes.append(server.get("/about")[0])
            except OSError as error:
                outcomes.append(repr(error))

    client = threading.Thread(target=steady_requests)
    client.start()
    time.sleep(0.7)
    server.signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and server.worker_pids() & old_workers:
        time.sleep(0.05)
    time.sleep(0.7)
    stop.set()
    client.join(timeout=10)

    new_workers = server.worker_pids()
    assert not new_workers & old_workers, "SIGHUP replaced no worker"
    assert len(new_workers) == 2
    assert len(outcomes) > 50
    assert [outcome for outcome in outcomes if outcome != 200] == []
