"""Security headers on every kind of response, checked one header at a time."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import abort

from site_app import create_app
from site_app.middleware.security_headers import SECURITY_HEADERS
from tools.crawl import crawl

PRODUCTION = {"APP_ENV": "production", "SECRET_KEY": "k" * 64, "TRUSTED_HOSTS": ["localhost"]}


@pytest.fixture
def app(failing_app):
    """The test app with a failing view (the 500 page) and a forbidden one (a 403)."""

    @failing_app.get("/forbidden")
    def forbidden():
        abort(403)

    return failing_app


# One of each kind of response the site sends.
RESPONSES = [
    ("GET", "/", 200),
    ("GET", "/user/admin", 302),
    ("GET", "/no-such-page", 404),
    ("POST", "/about", 405),
    ("GET", "/users?name=", 422),
    ("GET", "/forbidden", 403),
    ("GET", "/fails", 500),
    ("GET", "/static/css/site.css", 200),
    ("GET", "/favicon.ico", 200),
    ("GET", "/healthz", 200),
]


def fetch(client, method, path, status):
    with client.open(path, method=method) as response:
        assert response.status_code == status
        return response.headers


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES)
def test_content_security_policy_allows_only_this_site(client, method, path, status):
    policy = fetch(client, method, path, status)["Content-Security-Policy"]
    directives = dict(part.split(" ", 1) for part in policy.split("; "))

    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "http" not in policy  # no third-party origin anywhere


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES)
def test_content_type_sniffing_is_off(client, method, path, status):
    assert fetch(client, method, path, status)["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES)
def test_framing_is_refused(client, method, path, status):
    assert fetch(client, method, path, status)["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES)
def test_referrer_policy_keeps_paths_on_this_site(client, method, path, status):
    headers = fetch(client, method, path, status)
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES)
def test_permissions_policy_switches_off_unused_features(client, method, path, status):
    policy = fetch(client, method, path, status)["Permissions-Policy"]

    for feature in ("camera", "geolocation", "microphone", "payment", "usb"):
        assert f"{feature}=()" in policy


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES)
def test_no_hsts_outside_production(client, method, path, status):
    assert "Strict-Transport-Security" not in fetch(client, method, path, status)


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES[:4])
def test_production_sends_hsts_for_a_year(method, path, status):
    client = create_app(PRODUCTION, environ={}).test_client()
    headers = fetch(client, method, path, status)

    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_every_header_is_on_every_response(client):
    for method, path, status in RESPONSES:
        headers = fetch(client, method, path, status)
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value, (path, name)


def test_pages_have_no_inline_script_or_style(client):
    for path, body in crawl(client).pages.items():
        # Scripts only from the site's own static files (CSP script-src 'self').
        for script in BeautifulSoup(body, "html.parser").find_all("script"):
            assert script["src"].startswith("/static/js/"), path
            assert script.get_text() == "", path
        assert "<style" not in body, path
        assert " style=" not in body, path


def test_a_view_may_set_its_own_policy(app, client):
    @app.get("/own-policy")
    def own_policy():
        return "ok", 200, {"Content-Security-Policy": "default-src 'none'"}

    assert client.get("/own-policy").headers["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES[:4])
def test_production_sends_no_hsts_over_plain_http(method, path, status):
    """RFC 6797: a host sends HSTS over secure transport only."""
    client = create_app(PRODUCTION, environ={}).test_client()
    response = client.open(path, method=method, base_url="http://localhost")

    assert "Strict-Transport-Security" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_behind_a_proxy_hsts_follows_the_scheme_the_proxy_reports():
    client = create_app({**PRODUCTION, "PROXY_COUNT": 1}, environ={}).test_client()
    over_https = client.get(
        "/", base_url="http://localhost", headers={"X-Forwarded-Proto": "https"}
    )
    over_http = client.get("/", base_url="http://localhost")

    assert over_https.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in over_http.headers
