"""Site-wide error pages: the layout for browsers, JSON for JSON clients, never a traceback."""

from __future__ import annotations

import logging

import pytest

from tests.html import NAV_LABELS, SITE_NAME, heading, nav_links, parse, text, title


def test_unknown_page_gets_the_sites_own_404_page(client):
    response = client.get("/no-such-page")
    soup = parse(response)

    assert response.status_code == 404
    assert heading(response) == "Page not found"
    assert title(response) == f"Page not found (404) · {SITE_NAME}"
    assert [text(link) for link in nav_links(soup)] == NAV_LABELS
    assert soup.find("main").find("a", href="/") is not None


@pytest.mark.parametrize("path", ["/user/", "/guest/", "/hello/", "/static/missing.css"])
def test_routes_without_their_name_are_404(client, path):
    assert client.get(path).status_code == 404


def test_wrong_method_gets_the_405_page_with_allow_header(client):
    response = client.post("/about")

    assert response.status_code == 405
    assert heading(response) == "Method not allowed"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_json_clients_get_json_errors(client):
    response = client.get("/no-such-page", headers={"Accept": "application/json"})

    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert response.json == {
        "error": "Page not found",
        "message": (
            "There is no page at this address. Check the spelling, or start again "
            "from the home page."
        ),
        "status": 404,
    }


def test_browsers_get_html_even_when_they_also_accept_json(client):
    response = client.get(
        "/no-such-page", headers={"Accept": "text/html,application/json;q=0.9,*/*;q=0.8"}
    )

    assert response.mimetype == "text/html"


def test_other_http_errors_use_werkzeugs_words(app, client):
    @app.get("/teapot")
    def teapot():
        from flask import abort

        abort(418)

    response = client.get("/teapot")

    assert response.status_code == 418
    assert heading(response) == "I'm a teapot"


@pytest.fixture
def failing_client(failing_app):
    return failing_app.test_client()


def test_unexpected_error_gets_the_500_page_and_is_logged(failing_client, caplog):
    with caplog.at_level(logging.ERROR):
        response = failing_client.get("/fails")
    body = response.get_data(as_text=True)

    assert response.status_code == 500
    assert heading(response) == "Something went wrong"
    assert "secret internal detail" not in body
    assert "Traceback" not in body
    assert "Exception on /fails [GET]" in caplog.text
    assert "RuntimeError: secret internal detail" in caplog.text


def test_unexpected_error_answers_json_clients_in_json(failing_client):
    response = failing_client.get("/fails", headers={"Accept": "application/json"})

    assert response.status_code == 500
    assert response.json["status"] == 500
    assert "secret" not in response.get_data(as_text=True)
