"""TRUSTED_HOSTS refuses other hosts; forwarded headers count only behind PROXY_COUNT proxies."""

from __future__ import annotations

import pytest
from flask import request, url_for

from site_app import create_app
from site_app.middleware.security_headers import SECURITY_HEADERS

FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "www.example.com",
}


def app_with(**settings):
    app = create_app({"APP_ENV": "testing", **settings}, environ={})

    @app.get("/where")
    def where():
        return {
            "home": url_for("pages.index", _external=True),
            "client": request.remote_addr,
        }

    return app


@pytest.mark.parametrize("host", ["example.com", "www.example.org", "example.org"])
def test_trusted_hosts_are_served(host):
    client = app_with(TRUSTED_HOSTS=["example.com", ".example.org"]).test_client()

    assert client.get("/about", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "example.com.evil.example", "localhost"])
def test_other_hosts_are_refused_with_a_plain_400(host):
    client = app_with(TRUSTED_HOSTS=["example.com", ".example.org"]).test_client()

    response = client.get("/about", headers={"Host": host})

    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == (
        "Bad Request: This site does not answer to that host name.\n"
    )
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_without_trusted_hosts_any_host_is_served():
    assert app_with().test_client().get("/", headers={"Host": "anything.test"}).status_code == 200


def test_forwarded_headers_are_ignored_by_default():
    response = app_with().test_client().get("/where", headers=FORWARDED)

    assert response.json == {"home": "http://localhost/", "client": "127.0.0.1"}


def test_one_trusted_proxy_gives_the_forwarded_scheme_host_and_client():
    client = app_with(PROXY_COUNT=1, TRUSTED_HOSTS=["www.example.com"]).test_client()

    response = client.get("/where", headers=FORWARDED)

    assert response.json == {"home": "https://www.example.com/", "client": "203.0.113.7"}


def test_behind_a_proxy_redirects_stay_on_the_forwarded_site():
    """A relative Location: the browser resolves it against the https URL it used."""
    client = app_with(PROXY_COUNT=1).test_client()

    response = client.get("/user/admin", headers=FORWARDED)

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin"


def test_forwarded_host_is_checked_against_trusted_hosts():
    client = app_with(PROXY_COUNT=1, TRUSTED_HOSTS=["www.example.com"]).test_client()

    response = client.get("/", headers={**FORWARDED, "X-Forwarded-Host": "evil.example"})

    assert response.status_code == 400


def test_oversized_bodies_get_413(app):
    app.config["MAX_CONTENT_LENGTH"] = 10

    @app.post("/upload")
    def upload():
        return str(len(request.form))

    response = app.test_client().post("/upload", data={"field": "x" * 100})

    assert response.status_code == 413
