"""The production topology, for real: nginx (TLS) over two gunicorn instances sharing
one PostgreSQL and two Redis servers (limits, page cache), started by tools/fleet.py as
`make fleet` starts it.

Nothing here fakes a proxy header: every request goes over HTTPS through nginx, as a
browser's would, unless it is meant to reach one instance directly. Loads and waits are
bounded in count and time; only processes the fleet started are ended, by pid.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis

from config import ProductionConfig
from site_app.middleware.security_headers import SECURITY_HEADERS
from tests.credentials import ADMIN_PASSWORD, ADMIN_PASSWORD_HASH
from tools import fleet as fleet_tool
from tools.local_services import end, postgres_binaries
from tools.production_server import free_port, wait_until_listening

HSTS = f"max-age={ProductionConfig.HSTS_SECONDS}; includeSubDomains"
# Pages expire from nginx's cache after 2 s here, so a test can see one expire.
SHARED_SECONDS = 2
SETTINGS = {
    "ADMIN_PASSWORD_HASH": ADMIN_PASSWORD_HASH,
    "API_WRITE_LIMIT": "100000/minute",
    "SHARED_CACHE_SECONDS": str(SHARED_SECONDS),
}


def release(directory: Path) -> Path:
    """A copy of the project for the fleet to run, so a test can change its code and
    release it with a rolling restart."""
    for name in ("config.py", "wsgi.py", "gunicorn.conf.py"):
        shutil.copy2(fleet_tool.PROJECT_ROOT / name, directory / name)
    shutil.copytree(
        fleet_tool.PROJECT_ROOT / "site_app",
        directory / "site_app",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return directory


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()) or not postgres_binaries():
        message = "make test installs nginx and PostgreSQL (make services)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    directory = tmp_path_factory.mktemp("fleet") / "fleet"
    started = fleet_tool.start(
        directory, free_port(), free_port(), SETTINGS, release(tmp_path_factory.mktemp("release"))
    )
    try:
        yield started
    finally:
        fleet_tool.stop(directory)


class Site:
    """Requests to the fleet over HTTPS through nginx, trusting its certificate."""

    def __init__(self, fleet) -> None:
        self.fleet = fleet
        self.context = ssl.create_default_context(cafile=str(fleet.authority))

    def request(self, method, path, body=None, headers=None, timeout=10):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.fleet.https_port, context=self.context, timeout=timeout
        )
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def site(fleet):
    return Site(fleet)


@pytest.fixture(scope="module")
def token(fleet):
    made = subprocess.run(
        [
            str(fleet_tool.BIN / "flask"),
            "--app",
            "wsgi",
            "--no-debug",
            "api-token",
            "create",
            "tests",
        ],
        cwd=fleet.project,
        env=fleet.app_environment(0),
        check=True,
        capture_output=True,
        text=True,
    )
    return made.stdout.strip()


def write(site, token, description):
    body = json.dumps({"description": description, "amount": 1})
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    return site.request("POST", "/api/incomes", body, headers)


def direct(port, method, path, body=None, headers=None):
    """A request straight to one instance, past nginx."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_every_page_answers_over_https_with_https_addresses(site):
    status, _, home = site.request("GET", "/")
    pages = sorted(set(re.findall(r'<li><a href="(/[^"]*)"', home.decode())))

    answers = {page: site.request("GET", page)[0] for page in pages}

    assert status == 200
    assert len(pages) >= 5
    assert set(answers.values()) == {200}, answers
    assert f'<link rel="canonical" href="{site.fleet.address}/">' in home.decode()


def test_plain_http_redirects_to_https(fleet):
    connection = http.client.HTTPConnection("127.0.0.1", fleet.http_port, timeout=5)
    try:
        connection.request("GET", "/about?x=1")
        response = connection.getresponse()
    finally:
        connection.close()

    assert response.status == 301
    assert response.headers["Location"] == f"{fleet.address}/about?x=1"


# What Chromium sends with a form posted from the site's own page.
FORM_FROM_THE_SITE = {
    "Content-Type": "application/x-www-form-urlencoded",
    "Sec-Fetch-Site": "same-origin",
}


def test_sign_in_works_over_https_with_a_secure_cookie(site):
    status, headers, _ = site.request("GET", "/login")
    form = urllib.parse.urlencode({"username": "admin", "password": ADMIN_PASSWORD})

    signed_in, signed_headers, _ = site.request("POST", "/login", form, FORM_FROM_THE_SITE)
    session = signed_headers["Set-Cookie"]
    admin_page = site.request("GET", "/admin", headers={"Cookie": session.split(";")[0]})

    assert status == 200
    assert "Set-Cookie" not in headers  # the form page holds nothing per visitor
    assert signed_in == 302
    assert "; Secure" in session
    assert "; HttpOnly" in session
    assert admin_page[0] == 200
    assert b"Hello Admin" in admin_page[2]


def test_a_form_is_judged_by_its_origin_behind_nginx(site):
    """A browser without Fetch Metadata sends Origin alone: the app, behind the TLS
    proxy, must see its own host in it (and nothing else)."""
    form = urllib.parse.urlencode({"years_experience": "3"})
    plain_form = {"Content-Type": "application/x-www-form-urlencoded"}

    own = site.request("POST", "/predict", form, {**plain_form, "Origin": site.fleet.address})
    other = site.request(
        "POST", "/predict", form, {**plain_form, "Origin": "https://attacker.example"}
    )

    assert own[0] == 303
    assert other[0] == 403
    assert b"Sent from another site" in other[2]


def test_a_write_through_one_instance_is_read_through_the_other(fleet, token):
    first, second = fleet.app_ports
    body = json.dumps({"description": "written on the first", "amount": 3})
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}

    status, created = direct(first, "POST", "/api/incomes", body, headers)
    income_id = json.loads(created)["id"]
    read_status, read = direct(second, "GET", f"/api/incomes/{income_id}")

    assert (status, read_status) == (201, 200)
    assert json.loads(read)["description"] == "written on the first"


@pytest.fixture
def limits_cleared_afterwards(fleet):
    """A test's failed sign-ins count against 127.0.0.1 for an hour: the limits' Redis
    is emptied when it ends, so the tests after it can still sign in."""
    yield
    redis.Redis.from_url(fleet.limits_redis_url + "/0").flushdb()


def test_failed_sign_ins_are_counted_across_instances(site, limits_cleared_afterwards):
    """nginx spreads the six attempts over both instances; Redis counts them as one."""

    def failed_sign_in() -> int:
        form = urllib.parse.urlencode({"username": "spray", "password": "a wrong guess"})
        status, _, _ = site.request("POST", "/login", form, FORM_FROM_THE_SITE)
        return status

    statuses = [failed_sign_in() for _ in range(6)]

    # Five failures a minute from one address: counted per instance, each would have
    # seen three and refused none.
    assert statuses == [422] * 5 + [429]


def test_static_files_come_from_nginx_compressed_and_cached(site, fleet):
    _, _, home = site.request("GET", "/")
    stylesheet = re.search(rb'href="(/static/css/[^"]+\?v=[^"]+)"', home).group(1).decode()
    app_logs = [Path(fleet.directory) / "logs" / f"app-{n}.log" for n in range(2)]

    def static_files_the_app_served() -> int:
        # Counted by path: nginx may refresh a stored page from the app meanwhile.
        return sum(log.read_text().count('"path": "/static/') for log in app_logs)

    before = static_files_the_app_served()
    status, headers, _ = site.request("GET", stylesheet, headers={"Accept-Encoding": "gzip"})
    unversioned = site.request("GET", stylesheet.split("?")[0])[1]
    time.sleep(0.5)
    after = static_files_the_app_served()

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert unversioned["Cache-Control"] == "no-cache"
    assert (
        stylesheet.split("?")[0]
        in (Path(fleet.directory) / "logs" / "nginx-static.log").read_text()
    )
    assert after == before  # the app served neither
    # ...as the count would show: the same file asked of an instance directly.
    direct = http.client.HTTPConnection("127.0.0.1", fleet.app_ports[0], timeout=5)
    direct.request("GET", stylesheet)
    direct.getresponse().read()
    direct.close()
    time.sleep(0.5)
    assert static_files_the_app_served() == after + 1


def test_nginx_and_the_app_log_the_same_request_id(site, fleet):
    _, headers, _ = site.request("GET", "/api/people")
    request_id = headers["X-Request-ID"]
    time.sleep(0.5)
    logs = Path(fleet.directory) / "logs"

    nginx = [json.loads(line) for line in (logs / "nginx-access.log").read_text().splitlines()]
    app = [
        json.loads(line)
        for index in range(2)
        for line in (logs / f"app-{index}.log").read_text().splitlines()
        if line.startswith("{")
    ]

    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert [(r["uri"], r["status"]) for r in nginx if r["request_id"] == request_id] == [
        ("/api/people", 200)
    ]
    assert [(r["path"], r["status"]) for r in app if r.get("request_id") == request_id] == [
        ("/api/people", 200)
    ]


def test_metrics_are_not_served_through_nginx(site):
    assert site.request("GET", "/metrics")[0] == 404


class Load:
    """GETs and uniquely named POSTs through nginx from a few threads, for a while.

    A steady load rather than a flood: each thread pauses PAUSE seconds between its
    requests, so requests are in flight at every moment of a kill or a restart (about
    50 a second in all) while the rest of the suite keeps the machine's other core.
    """

    PAUSE = 0.05

    def __init__(self, site, token, seconds: float, threads: int = 4) -> None:
        self.site, self.token = site, token
        self.deadline = time.monotonic() + seconds
        self.results: list[tuple[str, int | str]] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(threads)]

    def run(self, thread: int) -> None:
        count = 0
        while time.monotonic() < self.deadline and count < 2000:
            count += 1
            method = "POST" if count % 5 == 0 else "GET"
            try:
                if method == "POST":
                    status = write(self.site, self.token, f"load {thread}-{count}")[0]
                else:
                    # An answer nginx's cache never keeps (no-store), so every GET goes
                    # through to an instance.
                    status = self.site.request("GET", "/healthz", timeout=15)[0]
            except (OSError, http.client.HTTPException) as error:
                # A refused connection, or an answer cut short: a failed request.
                status = type(error).__name__
            with self.lock:
                self.results.append((method, status))
            time.sleep(self.PAUSE)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        for thread in self.threads:
            thread.join(timeout=60)

    def stop(self) -> None:
        """End the load now rather than at its deadline."""
        self.deadline = time.monotonic()

    def failures(self, method: str) -> Counter:
        return Counter(
            status for m, status in self.results if m == method and status not in (200, 201)
        )


def instance_group(fleet, index: int) -> int:
    return os.getpgid(fleet.pids[f"app-{index}"])


def test_killing_an_instance_under_load_loses_no_get_and_stores_nothing_twice(site, fleet, token):
    with Load(site, token, seconds=30) as load:
        time.sleep(1)
        # kill -9, the whole instance at once: its master and its workers.
        os.killpg(instance_group(fleet, 0), signal.SIGKILL)
        time.sleep(4)  # twice nginx's fail_timeout, with one instance down
        fleet_tool.start_instance(fleet, 0)
        wait_until_listening(fleet.app_ports[0], timeout=30)
        time.sleep(1)  # load on the instance back in service too
        load.stop()
    stored = json.loads(site.request("GET", "/api/incomes?limit=500")[2])["items"]
    stored += (
        json.loads(site.request("GET", f"/api/incomes?limit=500&after={stored[-1]['id']}")[2])[
            "items"
        ]
        if len(stored) == 500
        else []
    )
    descriptions = [
        item["description"] for item in stored if item["description"].startswith("load")
    ]

    assert load.failures("GET") == Counter()
    assert sum(load.failures("POST").values()) <= 4  # at most the ones in flight
    assert len(descriptions) == len(set(descriptions))
    assert len(load.results) > 100
    # Back, it takes traffic again: nginx sends it its share of the next requests.
    log = Path(fleet.directory) / "logs" / "app-0.log"
    time.sleep(2.5)  # nginx's fail_timeout (2 s) for the instance it saw die
    before = log.read_text().count('"path": "/predict"')
    for _ in range(20):
        site.request("GET", "/predict")
    time.sleep(0.5)
    assert log.read_text().count('"path": "/predict"') - before >= 5


def test_a_release_rolled_out_under_load_fails_no_request_and_shows_within_two_lifetimes(
    site, fleet, token
):
    """A new release (a template changed, then a rolling restart) under steady reads and
    writes: no request fails, and the page nginx holds shows the change at most two
    shared lifetimes after the restart (s-maxage, then stale-while-revalidate)."""
    assert b"How it is built" in site.request("GET", "/about")[2]  # nginx holds it now
    template = Path(fleet.project) / "site_app" / "templates" / "about" / "index.html"
    template.write_text(template.read_text().replace("How it is built", "How it was built"))
    old_pids = {fleet.pids["app-0"], fleet.pids["app-1"]}
    with Load(site, token, seconds=30) as load:
        time.sleep(1)
        fleet_tool.rolling_restart(fleet)
        restarted = time.monotonic()
        while b"How it was built" not in site.request("GET", "/about")[2]:
            assert time.monotonic() - restarted <= 2 * SHARED_SECONDS + 1
            time.sleep(0.2)
        time.sleep(0.5)  # load on the new instances too
        load.stop()

    assert old_pids.isdisjoint({fleet.pids["app-0"], fleet.pids["app-1"]})
    assert load.failures("GET") == Counter()
    assert load.failures("POST") == Counter()
    assert len(load.results) > 100


def test_slow_clients_do_not_keep_others_waiting(site, fleet):
    def slow_client() -> socket.socket:
        raw = socket.create_connection(("127.0.0.1", fleet.https_port), timeout=5)
        tls = site.context.wrap_socket(raw, server_hostname="127.0.0.1")
        tls.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the rest
        return tls

    with ThreadPoolExecutor(max_workers=20) as pool:
        slow = list(pool.map(lambda _: slow_client(), range(200)))
    try:
        # Well within nginx's client_header_timeout (10 s): all 200 are held throughout.
        timings = []
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            started = time.monotonic()
            status = site.request("GET", "/about", timeout=5)[0]
            timings.append((status, time.monotonic() - started))
            time.sleep(0.5)
    finally:
        for connection in slow:
            connection.close()

    assert {status for status, _ in timings} == {200}
    assert max(seconds for _, seconds in timings) < 1


# What nginx answers itself, and TLS, as outside tools check them -----------------------


def plain_http(fleet, path, host):
    connection = http.client.HTTPConnection("127.0.0.1", fleet.http_port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_an_unknown_host_is_refused_and_never_reflected(fleet, site):
    over_http = plain_http(fleet, "/about", "evil.example")
    over_https = site.request("GET", "/about", headers={"Host": "evil.example"})

    for status, headers, body in (over_http, over_https):
        assert status == 421
        assert headers["Location"] is None
        assert b"evil" not in body


def test_plain_http_redirects_to_the_site_s_own_name(fleet):
    status, headers, _ = plain_http(fleet, "/about?x=1", f"localhost:{fleet.http_port}")

    assert status == 301
    assert headers["Location"] == f"https://127.0.0.1:{fleet.https_port}/about?x=1"


def test_what_nginx_answers_itself_carries_the_security_headers(fleet, site):
    answers = {
        "static file": site.request("GET", "/static/css/site.css"),
        "metrics refused": site.request("GET", "/metrics"),
        "unknown host": site.request("GET", "/", headers={"Host": "evil.example"}),
        "redirect to HTTPS": plain_http(fleet, "/", "127.0.0.1"),
    }

    for name, (_, headers, _) in answers.items():
        for header, value in SECURITY_HEADERS.items():
            assert headers[header] == value, (name, header)
    for name in ("static file", "metrics refused", "unknown host"):
        assert answers[name][1]["Strict-Transport-Security"] == HSTS, name


def test_a_page_through_nginx_has_one_hsts_header(site):
    _, headers, _ = site.request("GET", "/about")

    assert headers.get_all("Strict-Transport-Security") == [HSTS]
    assert headers["Content-Security-Policy"] == SECURITY_HEADERS["Content-Security-Policy"]


def test_tls_meets_mozilla_s_intermediate_profile(fleet):
    """sslyze's own check of the profile (versions, suites, curves, the certificate)."""
    checked = subprocess.run(
        [
            sys.executable, "-m", "sslyze", "--mozilla_config=intermediate",
            f"--certinfo_ca_file={fleet.authority}", f"127.0.0.1:{fleet.https_port}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip

    assert f"127.0.0.1:{fleet.https_port}: OK - Compliant." in checked.stdout, checked.stdout[
        -2000:
    ]
    assert checked.returncode == 0


# The shared page cache in nginx ----------------------------------------------------------


def test_a_page_the_same_for_everyone_is_stored_by_nginx_and_answered_by_it(site):
    page = f"/hello/reader-{time.monotonic_ns()}"  # never asked for before
    first = site.request("GET", page)
    second = site.request("GET", page)

    assert [first[0], second[0]] == [200, 200]
    assert [first[1]["X-Cache-Status"], second[1]["X-Cache-Status"]] == ["MISS", "HIT"]
    assert second[2] == first[2]
    # Each answer has its own request id, the stored one's too.
    assert second[1]["X-Request-ID"] != first[1]["X-Request-ID"]


def test_nginx_stores_nothing_per_visitor(site):
    form = urllib.parse.urlencode({"username": "admin", "password": ADMIN_PASSWORD})
    _, signed_headers, _ = site.request("POST", "/login", form, FORM_FROM_THE_SITE)
    cookie = {"Cookie": signed_headers["Set-Cookie"].split(";")[0]}
    admin_home = [site.request("GET", "/", headers=cookie) for _ in range(2)]
    anonymous_home = site.request("GET", "/")
    predict = [site.request("GET", "/predict")[1]["X-Cache-Status"] for _ in range(2)]

    # The admin's pages are never answered from the cache nor stored in it...
    assert [headers["X-Cache-Status"] for _, headers, _ in admin_home] == ["BYPASS"] * 2
    assert all(b"Sign out" in body for _, _, body in admin_home)
    # ...and the anonymous page is never the admin's.
    assert b"Sign out" not in anonymous_home[2]
    assert predict == ["MISS", "MISS"]


def test_with_every_instance_stopped_readers_still_get_the_pages_nginx_holds(site, fleet):
    assert site.request("GET", "/users")[0] == 200  # stored
    instances = sorted(name for name in fleet.pids if name.startswith("app-"))
    for name in instances:
        end(fleet.pids[name])
    try:
        reader = site.request("GET", "/users")
        signed_in = site.request("GET", "/users", headers={"Cookie": "session=anything"})
        per_visitor = site.request("GET", "/predict")
    finally:
        for index in range(len(instances)):
            fleet_tool.start_instance(fleet, index)
        for port in fleet.app_ports:
            wait_until_listening(port, timeout=30)
        # Each nginx worker remembers for fail_timeout (2 s) the instances that failed it,
        # and one that saw both fail answers 502 until then: new workers start afresh.
        fleet_tool.reload_nginx(fleet)
        fleet_tool.wait_until_answering(fleet)

    assert reader[0] == 200
    assert reader[1]["X-Cache-Status"] in {"HIT", "STALE"}
    assert b"<h1>Users</h1>" in reader[2]
    for status, headers, _ in (signed_in, per_visitor):
        assert status == 502
        assert headers["Content-Security-Policy"] == SECURITY_HEADERS["Content-Security-Policy"]
        assert headers["Strict-Transport-Security"] == HSTS


# Fifteen requests for each of the 20 clients: every client is still asking while the
# update is under way, which is all a larger crowd would show.
CROWD = 300


def test_a_crowd_asking_for_an_expired_page_sends_one_request_to_the_app(site, fleet):
    """The background update of a page being updated: CROWD requests, from 20 clients
    at once, for a page that has just expired, and the instances see one per shared
    lifetime: the fresh copy the update stores expires in turn after SHARED_SECONDS, so a
    crowd that lasts longer than that (a busy machine) may start a second update."""
    page = f"/hello/crowd-{time.monotonic_ns()}"
    assert site.request("GET", page)[0] == 200
    time.sleep(SHARED_SECONDS + 1)
    logs = [Path(fleet.directory) / "logs" / f"app-{index}.log" for index in range(2)]

    def asked() -> int:
        return sum(log.read_text().count(f'"path": "{page}"') for log in logs)

    before = asked()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: site.request("GET", page), range(CROWD)))
    lifetimes = int((time.monotonic() - started) // SHARED_SECONDS)
    time.sleep(1)

    assert [status for status, _, _ in answers] == [200] * CROWD
    assert 1 <= asked() - before <= 1 + lifetimes
