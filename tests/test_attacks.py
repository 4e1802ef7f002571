"""Regression tests: each attack that once got through a production instance, replayed.

The ones that need a real server (worker memory, log volume, start-up refusal) are in
tests/server/test_attacks_on_gunicorn.py.
"""

from __future__ import annotations

import io
import json
import re
import time
from datetime import timedelta

import pytest
from flask import request
from sqlalchemy import insert

from site_app import create_app
from site_app.api.json_provider import MAX_DEPTH
from site_app.api.jsonrpc import MAX_BATCH_LENGTH
from site_app.middleware.security_headers import SECURITY_HEADERS
from site_app.models.database import MAX_LIST_LENGTH, close_database, engine_with_schema
from site_app.models.tables import incomes, predictions
from tests.credentials import ADMIN_PASSWORD, ADMIN_PASSWORD_HASH, GOOD_KEY
from tests.databases import sqlite_url
from tests.html import heading, parse, text
from tests.languages import PREFIXES, needs_french


@pytest.fixture
def client(writer):
    """These tests write through the API as a client with a token does
    (tests/test_api_tokens.py is about clients without one)."""
    return writer


def assert_security_headers(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


@pytest.fixture
def app(sqlite_database):
    app = create_app(
        {
            "APP_ENV": "testing",
            "DATABASE_URL": sqlite_database,
            "ADMIN_PASSWORD_HASH": ADMIN_PASSWORD_HASH,
            "PROPAGATE_EXCEPTIONS": False,
        },
        environ={},
    )
    yield app
    close_database(app)


def sign_in(client, username="admin", password=ADMIN_PASSWORD, **headers):
    data = {"username": username, "password": password}
    return client.post("/login", data=data, headers=headers)


# 1. One small request, unbounded memory ------------------------------------------------


def rpc_batch(client, method: str, length: int):
    calls = [{"jsonrpc": "2.0", "id": n, "method": method} for n in range(length)]
    return client.post("/api/rpc", json=calls)


def test_a_batch_longer_than_the_cap_is_refused_whole(client):
    response = rpc_batch(client, "App.index", MAX_BATCH_LENGTH + 1)

    assert response.status_code == 200
    assert response.json == {
        "jsonrpc": "2.0",
        "id": None,
        "error": {
            "code": -32600,
            "message": "Invalid Request",
            "data": {"message": f"A batch may hold at most {MAX_BATCH_LENGTH} calls."},
        },
    }
    assert_security_headers(response)


def test_a_batch_up_to_the_cap_is_answered(client):
    response = rpc_batch(client, "App.index", MAX_BATCH_LENGTH)

    assert response.status_code == 200
    assert [answer["id"] for answer in response.json] == list(range(MAX_BATCH_LENGTH))


def test_no_list_answer_goes_past_the_cap(app, client):
    rows = MAX_LIST_LENGTH + 20
    with app.app_context(), engine_with_schema().begin() as connection:
        connection.execute(
            insert(incomes), [{"description": f"row {n}", "amount": n} for n in range(rows)]
        )
        connection.execute(
            insert(predictions), [{"years_experience": 1, "salary": 2} for _ in range(rows)]
        )
    largest = f"?limit={MAX_LIST_LENGTH}"

    listed = client.get("/api/incomes" + largest).json
    call = {"jsonrpc": "2.0", "id": 1, "method": "Incomes.list"}
    by_rpc = client.post("/api/rpc", json={**call, "params": {"limit": MAX_LIST_LENGTH}})
    predicted = client.get("/api/past_predictions" + largest).json
    too_many = client.get(f"/api/incomes?limit={MAX_LIST_LENGTH + 1}")

    assert [item["id"] for item in listed["items"]] == list(range(1, MAX_LIST_LENGTH + 1))
    assert listed["next_after"] == MAX_LIST_LENGTH
    assert by_rpc.json["result"] == listed
    assert [item["id"] for item in predicted["items"]] == list(range(1, MAX_LIST_LENGTH + 1))
    assert too_many.status_code == 400


# 3. 500s: names too long for the file system, deep JSON, lone surrogates, forms ---------


@pytest.mark.parametrize("debug", [False, True])
def test_a_static_name_too_long_for_the_file_system_is_a_404(capsys, app, debug):
    app.debug = debug

    response = app.test_client().get(f"/static/{'a' * 300}.css?v=0123456789ab")

    assert response.status_code == 404
    assert heading(response) == "Page not found"
    assert_security_headers(response)
    assert capsys.readouterr().err == ""


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


JSON_WRITES = [
    ("POST", "/api/incomes"),
    ("POST", "/api/predict"),
    ("PUT", "/api/past_predictions/1"),
    ("PUT", "/api/past_predictions/last"),
]


@pytest.mark.parametrize(("method", "path"), JSON_WRITES)
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 990, 100_000])
def test_deeply_nested_json_gets_400_on_every_rest_endpoint(client, method, path, depth):
    body = '{"description": ' + nested(depth) + ', "amount": 1}'

    response = client.open(path, method=method, data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json["message"] == f"The body is nested more than {MAX_DEPTH} levels deep."
    assert_security_headers(response)


@pytest.mark.parametrize(
    "body",
    [
        nested(990),
        '{"jsonrpc": "2.0", "id": 1, "method": "Incomes.add", "params": [' + nested(990) + "]}",
        '[{"jsonrpc": "2.0", "id": 1, "method": "App.index", "params": ' + nested(50) + "}]",
    ],
)
def test_deeply_nested_json_rpc_gets_a_parse_error(client, body):
    response = client.post("/api/rpc", data=body, content_type="application/json")

    assert response.status_code == 200
    assert response.json["error"]["code"] == -32700
    assert response.json["error"]["data"] == {
        "message": f"The body is nested more than {MAX_DEPTH} levels deep."
    }
    assert_security_headers(response)


def test_json_nested_up_to_the_limit_is_read(client):
    shallow = nested(MAX_DEPTH - 1)
    body = '{"jsonrpc": "2.0", "id": 1, "method": "Incomes.add", "params": ' + shallow + "}"

    response = client.post("/api/rpc", data=body, content_type="application/json")

    # Read to the end: the parameter is judged (and refused), not the JSON.
    assert response.status_code == 200
    assert response.json["error"]["code"] == -32602


def test_a_lone_surrogate_is_refused_by_rest_and_json_rpc(client):
    body = '{"description": "half \\ud800", "amount": 1}'
    rest = client.post("/api/incomes", data=body, content_type="application/json")
    rpc = client.post(
        "/api/rpc",
        data='{"jsonrpc": "2.0", "id": 1, "method": "Incomes.add", "params": ' + body + "}",
        content_type="application/json",
    )

    message = "description must be valid Unicode text (it holds a lone surrogate)."
    assert rest.status_code == 400
    assert rest.json["message"] == message
    assert rpc.json["error"]["data"] == {"field": "description", "message": message}
    assert client.get("/api/incomes").json["items"] == []


FORM_PAGES = [prefix + path for path in ("/predict", "/login") for prefix in PREFIXES]
FORM_ENCODINGS = "application/x-www-form-urlencoded, multipart/form-data"
NOT_A_FORM = (
    "This page takes a form as a browser sends it (application/x-www-form-urlencoded or "
    "multipart/form-data). The JSON API is described on the API page."
)


@pytest.mark.parametrize("path", FORM_PAGES)
@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"years_experience": 2, "username": "admin", "password": ADMIN_PASSWORD}),
        "[1]",
        '"three"',
    ],
)
def test_a_json_body_sent_to_a_form_page_gets_415_saying_what_to_send(client, path, body):
    response = client.post(path, data=body, content_type="application/json")

    assert response.status_code == 415
    assert response.headers["Accept"] == FORM_ENCODINGS
    french = path.startswith("/fr/")
    assert heading(response) == ("Ce n\u2019est pas un formulaire" if french else "Not a form")
    assert "Set-Cookie" not in response.headers  # the right password signs nobody in
    assert client.get("/api/past_predictions").json["items"] == []
    assert_security_headers(response)


def test_a_client_that_asks_for_json_is_told_in_json_why_a_form_page_refused_it(client):
    response = client.post(
        "/predict", json={"years_experience": 2}, headers={"Accept": "application/json"}
    )

    assert response.status_code == 415
    assert response.json == {"error": "Not a form", "message": NOT_A_FORM, "status": 415}


@pytest.mark.parametrize(
    ("path", "field", "message"),
    [
        ("/predict", "years_experience", "Enter a number of years, such as 3 or 2.5."),
        pytest.param(
            "/fr/predict",
            "years_experience",
            "Saisissez un nombre d\u2019années, par exemple 3 ou 2,5.",
            marks=needs_french,
        ),
        ("/login", "password", "Enter your password."),
    ],
)
def test_a_file_sent_in_a_form_field_is_no_value_for_it(client, path, field, message):
    form = {"username": "admin", field: (io.BytesIO(b"3"), "three.txt")}

    response = client.post(path, data=form, content_type="multipart/form-data")

    assert response.status_code == 422
    assert message in text(parse(response).find("main"))
    assert client.get("/api/past_predictions").json["items"] == []


def sample_paths(app) -> list[str]:
    """One address per URL rule (a value for each part), in each language."""
    paths = set()
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<int:\w+>", "1", rule.rule).replace("<path:filename>", "css/site.css")
        path = re.sub(r"<[^>]+>", "x", path)
        paths |= {prefix + path for prefix in PREFIXES}
    return sorted(paths)


# Each makes a new body: a file part is read once.
HOSTILE_BODIES = {
    "JSON array": lambda: {"data": "[1]", "content_type": "application/json"},
    "JSON string": lambda: {"data": '"x"', "content_type": "application/json"},
    "file parts": lambda: {
        "data": {
            "years_experience": (io.BytesIO(b"3"), "years.txt"),
            "password": (io.BytesIO(b"x"), "password.txt"),
        },
        "content_type": "multipart/form-data",
    },
    "plain text": lambda: {"data": "years_experience=3", "content_type": "text/plain"},
    "bad multipart": lambda: {"data": "--", "content_type": "multipart/form-data; boundary=x"},
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES)
def test_no_body_in_any_method_makes_any_address_fail(app, client, body):
    failures = [
        f"{method} {path}: {response.status_code}"
        for path in sample_paths(app)
        for method in ("POST", "PUT", "PATCH", "DELETE")
        if (response := client.open(path, method=method, **body())).status_code >= 500
    ]

    assert failures == []


# 4. Logs that can be forged ------------------------------------------------------------


def test_request_text_cannot_start_a_log_line_of_its_own(capsys, app):
    forged = "x\r\n2026-11-23T10:00:00+0000 INFO [-] site_app: Admin signed in\u2028\x1b[2J"

    sign_in(app.test_client(), username=forged, password="wrong")

    lines = capsys.readouterr().err.splitlines()
    # One line, and one JSON object: every control character inside is escaped (JSON
    # escapes non-ASCII too, so no line separator or terminal code reaches the file).
    assert len(lines) == 1
    assert lines[0].isascii()
    assert all(ord(character) >= 0x20 for character in lines[0])
    record = json.loads(lines[0])
    assert record["level"] == "WARNING"
    assert f"user name {forged!r}" in record["message"]


def test_a_json_rpc_parse_error_does_not_repeat_the_body(client):
    body = '{"jsonrpc": "2.0", "method": "App.index", "secret": "' + "s" * 50_000

    response = client.post("/api/rpc", data=body, content_type="application/json")

    assert response.status_code == 200
    assert response.json["error"]["data"] == {"message": "The body is not valid JSON."}
    assert len(response.get_data()) < 300


@pytest.mark.parametrize(
    "call",
    [
        {"jsonrpc": "2.0", "id": ["x" * 10_000], "method": "App.index"},
        {"jsonrpc": "2.0", "id": 1, "method": ["x" * 10_000]},
        ["x" * 10_000],
    ],
)
def test_an_invalid_call_is_not_repeated_in_the_answer(client, call):
    response = client.post("/api/rpc", json=call)

    answer = response.json[0] if isinstance(response.json, list) else response.json
    assert answer["error"]["code"] == -32600
    assert answer["id"] is None
    assert len(response.get_data()) < 300


# 5. Sign-in limits that are not limits -------------------------------------------------


def test_guesses_sprayed_from_many_addresses_meet_the_account_limit(app):
    def from_address(number: int):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{number}"
        return client

    statuses = [sign_in(from_address(n), password="guess").status_code for n in range(11)]

    assert statuses == [422] * 10 + [429]
    # Another user name is a different account, from a fresh address too.
    assert sign_in(from_address(50), username="operator", password="x").status_code == 422


def test_a_spray_at_the_admin_slows_the_account_and_never_shuts_it_for_long(app):
    """OWASP: slow the account as a whole, do not lock it. Sixty guesses from sixty
    addresses: the account takes ten a minute, and the admin, from an address of their
    own, is told to wait at most a minute (no hour-long lock-out)."""

    def from_address(number: int):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"198.51.100.{number}"
        return client

    statuses = [sign_in(from_address(n), password="guess").status_code for n in range(60)]
    admin = app.test_client()
    admin.environ_base["REMOTE_ADDR"] = "192.0.2.1"
    waiting = sign_in(admin)

    assert statuses == [422] * 10 + [429] * 50
    assert waiting.status_code == 429
    assert 1 <= int(waiting.headers["Retry-After"]) <= 60


def test_a_successful_sign_in_starts_its_address_s_count_again(app):
    client = app.test_client()
    before = [sign_in(client, password=f"typo {n}").status_code for n in range(4)]
    signed_in = sign_in(app.test_client())
    after = [sign_in(client, password=f"typo {n}").status_code for n in range(6)]

    assert before == [422] * 4
    assert signed_in.status_code == 302
    assert after == [422] * 5 + [429]


def test_a_locked_address_does_not_lock_the_admin_out_elsewhere(app):
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "198.51.100.9"
    statuses = [sign_in(attacker, username="root", password="guess").status_code for _ in range(6)]

    admin = app.test_client()
    admin.environ_base["REMOTE_ADDR"] = "192.0.2.1"

    assert statuses == [422] * 5 + [429]
    assert sign_in(admin).headers["Location"] == "/admin"


def test_failed_sign_ins_and_refusals_are_logged(capsys, app):
    client = app.test_client()
    for _ in range(6):
        sign_in(client, username="root", password="guess")

    logged = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert len(logged) == 6
    assert {record["level"] for record in logged} == {"WARNING"}
    assert logged[0]["message"] == "Failed sign-in (user name 'root', address 127.0.0.1)"
    assert logged[5]["message"].startswith("Sign-in refused for")
    assert logged[5]["message"].endswith("too many attempts (user name 'root', address 127.0.0.1)")


# 6. Sessions that outlive sign-out -----------------------------------------------------


def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(app):
    browser = app.test_client()
    sign_in(browser)
    stolen = browser.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/admin").status_code == 200

    assert browser.post("/logout").status_code == 302

    assert thief.get("/admin").headers["Location"] == "/login?next=/admin"
    assert browser.get("/admin").headers["Location"] == "/login?next=/admin"


def test_the_session_ends_at_a_fixed_time_after_sign_in_however_much_it_is_used(app):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=2)
    client = app.test_client()
    sign_in(client)

    in_use = []
    for _ in range(3):
        in_use.append(client.get("/admin").status_code)
        time.sleep(0.5)
    # Using the session does not move the cookie's expiry forward either.
    assert "Set-Cookie" not in client.get("/about").headers
    time.sleep(1)

    assert in_use == [200] * 3
    assert client.get("/admin").headers["Location"] == "/login?next=/admin"


# 7. Trusting the wrong peer ------------------------------------------------------------


def proxied_app(tmp_path, **settings):
    app = create_app(
        {
            "APP_ENV": "testing",
            "DATABASE_URL": sqlite_url(tmp_path),
            "PROXY_COUNT": 1,
            "TRUSTED_PROXIES": ["10.0.0.2"],
            **settings,
        },
        environ={},
    )

    @app.get("/where")
    def where():
        return {"client": request.remote_addr, "scheme": request.scheme, "host": request.host}

    return app


FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "www.example.com",
    "X-Forwarded-Port": "8443",
}


@pytest.mark.parametrize("address", ["198.51.100.20", "10.0.0.3", "::1", ""])
def test_forwarded_headers_from_a_client_that_is_not_the_proxy_are_ignored(tmp_path, address):
    client = proxied_app(tmp_path).test_client()
    client.environ_base["REMOTE_ADDR"] = address  # "": a Unix socket's peer has none

    response = client.get("/where", headers=FORWARDED)

    assert response.json == {"client": address, "scheme": "http", "host": "localhost"}


@pytest.mark.parametrize("address", ["10.0.0.2", "::ffff:10.0.0.2"])
def test_forwarded_headers_from_the_trusted_proxy_are_believed(tmp_path, address):
    client = proxied_app(tmp_path).test_client()
    client.environ_base["REMOTE_ADDR"] = address

    response = client.get("/where", headers=FORWARDED)

    assert response.json == {
        "client": "203.0.113.7",
        "scheme": "https",
        "host": "www.example.com:8443",
    }


def test_a_client_posing_as_many_addresses_is_still_one_address(tmp_path):
    app = proxied_app(tmp_path, ADMIN_PASSWORD_HASH=ADMIN_PASSWORD_HASH)
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.20"

    statuses = [
        sign_in(
            client, username=f"user{n}", password="guess", **{"X-Forwarded-For": f"192.0.2.{n}"}
        ).status_code
        for n in range(6)
    ]

    assert statuses == [422] * 5 + [429]


# 8. Plain HTTP and hosts ---------------------------------------------------------------


def test_production_refuses_a_sign_in_sent_over_plain_http(tmp_path):
    app = create_app(
        {
            "APP_ENV": "production",
            "SECRET_KEY": GOOD_KEY,
            "TRUSTED_HOSTS": ["localhost"],
            "ADMIN_PASSWORD_HASH": ADMIN_PASSWORD_HASH,
            "DATABASE_URL": sqlite_url(tmp_path),
        },
        environ={},
    )
    # Not a browser: this client sends the Secure cookie over plain HTTP all the same.
    client = app.test_client()

    response = client.post(
        "/login",
        base_url="http://localhost",
        data={"username": "admin", "password": ADMIN_PASSWORD},
    )

    assert response.status_code == 403
    assert heading(response) == "HTTPS needed"
    assert "accepts it over HTTPS only" in text(parse(response).find("main"))
    assert "Set-Cookie" not in response.headers
    assert_security_headers(response)


# 9. Smaller points ---------------------------------------------------------------------


def test_minus_zero_is_answered_as_it_is_stored(client):
    created = client.post("/api/incomes", json={"description": "nothing", "amount": -0.0})

    stored = client.get("/api/incomes/1")

    assert created.json == {"id": 1, "description": "nothing", "amount": 0.0}
    assert "-0" not in created.get_data(as_text=True)
    assert stored.json == created.json


@pytest.mark.parametrize("digit", ["\uff11", "\u0661", "\u0967"])
def test_an_id_in_other_digits_is_no_address(client, digit):
    client.post("/api/incomes", json={"description": "salary", "amount": 1})

    response = client.get(f"/api/incomes/{digit}")

    assert response.status_code == 404
    assert client.get("/api/incomes/1").status_code == 200


def test_the_admin_page_is_never_stored(client):
    sign_in(client)

    response = client.get("/admin")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
