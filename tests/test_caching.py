"""Static files cached for a year under content-hashed URLs; pages revalidated."""

from __future__ import annotations

import gc
import warnings

import pytest
from flask import url_for

from tests.html import parse


def stylesheet_url(client) -> str:
    return parse(client.get("/")).find("link", rel="stylesheet")["href"]


def test_versioned_static_file_is_cached_for_a_year(client):
    with client.get(stylesheet_url(client)) as response:
        assert response.status_code == 200
        assert response.cache_control.public is True
        assert response.cache_control.max_age == 31536000
        assert response.cache_control.immutable is True
        assert response.cache_control.no_cache is None


@pytest.mark.parametrize("path", ["/static/css/site.css", "/static/css/site.css?v=0123456789ab"])
def test_unversioned_or_stale_static_url_is_revalidated(client, path):
    with client.get(path) as response:
        assert response.status_code == 200
        assert response.cache_control.no_cache is True
        assert response.cache_control.max_age is None


@pytest.mark.parametrize(
    ("debug", "changes_url"),
    [
        (True, True),  # files change under a development server: always current
        (False, False),  # production hashes each file once per process
    ],
)
def test_when_a_changed_file_gets_a_new_url(app, tmp_path, debug, changes_url):
    app.debug = debug
    app.static_folder = str(tmp_path)
    asset = tmp_path / "site.css"
    asset.write_text("body { color: black; }")
    with app.test_request_context():
        before = url_for("static", filename="site.css")
        asset.write_text("body { color: navy; }")
        after = url_for("static", filename="site.css")

    assert before.startswith("/static/site.css?v=")
    assert (before != after) is changes_url


@pytest.mark.parametrize("filename", ["missing.css", "../../config.py", "css"])
def test_no_version_for_files_outside_static_or_missing(app, filename):
    with app.test_request_context():
        assert url_for("static", filename=filename) == f"/static/{filename}"


def test_static_file_answers_conditional_request_with_304(client):
    url = stylesheet_url(client)
    with client.get(url) as first:
        etag = first.headers["ETag"]
    with client.get(url, headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304
        assert again.data == b""


def test_pages_are_revalidated_and_answer_304_when_unchanged(client):
    first = client.get("/about")
    again = client.get("/about", headers={"If-None-Match": first.headers["ETag"]})

    # Browsers revalidate every time (max-age=0); shared caches may keep it a minute.
    assert first.cache_control.max_age == 0
    assert first.cache_control.s_maxage == 60
    assert first.headers["ETag"]
    assert again.status_code == 304
    assert again.data == b""


def test_a_page_the_same_for_everyone_tells_shared_caches_so_and_nothing_else_does(client):
    shared = client.get("/about")
    per_visitor = client.get("/predict")  # its history changes with every prediction
    with_a_query = client.get("/about?utm_source=mail")
    client.set_cookie("theme", "dark")
    with_a_cookie = client.get("/users")

    assert shared.headers["Cache-Control"] == (
        "public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400"
    )
    assert shared.headers["Vary"] == "Cookie"
    for response in (per_visitor, with_a_query, with_a_cookie):
        assert response.headers["Cache-Control"] == "no-cache"


def test_shared_cache_seconds_sets_the_shared_lifetime_and_0_shares_nothing(make_app):
    minutes = make_app(SHARED_CACHE_SECONDS=300).test_client().get("/about")
    none = make_app(SHARED_CACHE_SECONDS=0).test_client().get("/about")

    assert minutes.cache_control.s_maxage == 300
    assert minutes.headers["Cache-Control"].endswith(
        "stale-while-revalidate=300, stale-if-error=86400"
    )
    assert none.headers["Cache-Control"] == "no-cache"


def test_a_different_page_does_not_match_the_etag(client):
    etag = client.get("/about").headers["ETag"]

    assert client.get("/users", headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize("path", ["/user/admin", "/no-such-page", "/healthz"])
def test_redirects_errors_and_json_are_not_cached(client, path):
    response = client.get(path)

    assert response.cache_control.no_cache is True
    assert "ETag" not in response.headers


@pytest.mark.parametrize(
    ("method", "headers"),
    [("HEAD", {}), ("GET", {"If-None-Match": "FAVICON_ETAG"})],
)
def test_a_file_answered_without_a_body_is_closed_at_once(client, method, headers):
    with client.get("/favicon.ico") as first:
        etag = first.headers["ETag"]
    headers = {name: value.replace("FAVICON_ETAG", etag) for name, value in headers.items()}

    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        response = client.open("/favicon.ico", method=method, headers=headers)
        gc.collect()

    assert response.status_code == (200 if method == "HEAD" else 304)
    assert response.data == b""
