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
    first = client.get("/welcome")
    again = client.get("/welcome", headers={"If-None-Match": first.headers["ETag"]})

    assert first.cache_control.no_cache is True
    assert first.headers["ETag"]
    assert again.status_code == 304
    assert again.data == b""


def test_a_different_page_does_not_match_the_etag(client):
    etag = client.get("/welcome").headers["ETag"]

    assert client.get("/goodbye", headers={"If-None-Match": etag}).status_code == 200


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
