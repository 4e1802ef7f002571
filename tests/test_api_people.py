"""/api/people: invented sample people, readable cross-origin only by listed origins."""

from __future__ import annotations

import pytest

import config
from site_app import create_app

APP_ORIGIN = "https://app.example.com"


@pytest.fixture
def cors_client():
    return create_app(
        {"APP_ENV": "testing", "CORS_ORIGINS": [APP_ORIGIN]}, environ={}
    ).test_client()


def test_people_are_listed_with_their_cars(client):
    response = client.get("/api/people")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert len(response.json) == 5
    assert response.json[1] == {
        "first_name": "Tomasz",
        "last_name": "Wielgosz",
        "residence": "Gdańsk",
        "cars": [{"make": "Škoda", "model": "Octavia"}, {"make": "Fiat", "model": "500"}],
    }
    for person in response.json:
        assert set(person) == {"first_name", "last_name", "residence", "cars"}


def test_no_cross_origin_reads_unless_configured(client):
    response = client.get("/api/people", headers={"Origin": APP_ORIGIN})

    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_listed_origin_may_read_without_credentials(cors_client):
    response = cors_client.get("/api/people", headers={"Origin": APP_ORIGIN})

    assert response.headers["Access-Control-Allow-Origin"] == APP_ORIGIN
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_another_origin_may_not(cors_client):
    response = cors_client.get("/api/people", headers={"Origin": "https://evil.example"})

    assert response.status_code == 200  # the browser, not the server, enforces CORS
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": APP_ORIGIN},
        {"Origin": "https://evil.example"},
        {"Origin": APP_ORIGIN, "Access-Control-Request-Method": "GET"},
    ],
)
def test_every_answer_that_origin_can_change_says_vary_origin(cors_client, headers):
    method = "OPTIONS" if "Access-Control-Request-Method" in headers else "GET"

    response = cors_client.open("/api/people", method=method, headers=headers)

    assert "Origin" in response.vary


def test_no_cors_header_without_an_origin(cors_client):
    assert "Access-Control-Allow-Origin" not in cors_client.get("/api/people").headers


def test_an_origin_set_with_its_default_port_matches_what_browsers_send():
    settings = config.config_for(
        "testing", {"CORS_ORIGINS": "HTTPS://App.Example.com:443/, http://localhost:80"}
    )
    client = create_app(
        {"APP_ENV": "testing", "CORS_ORIGINS": settings.CORS_ORIGINS}, environ={}
    ).test_client()

    response = client.get("/api/people", headers={"Origin": APP_ORIGIN})

    assert settings.CORS_ORIGINS == [APP_ORIGIN, "http://localhost"]
    assert response.headers["Access-Control-Allow-Origin"] == APP_ORIGIN


def test_preflight_allows_get_only(cors_client):
    response = cors_client.options(
        "/api/people",
        headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "GET"},
    )

    assert response.headers["Access-Control-Allow-Origin"] == APP_ORIGIN
    assert response.headers["Access-Control-Allow-Methods"] == "GET"


def test_incomes_are_never_shared_cross_origin(cors_client):
    response = cors_client.get("/api/incomes", headers={"Origin": APP_ORIGIN})

    assert "Access-Control-Allow-Origin" not in response.headers


def test_people_are_read_only(client):
    response = client.post("/api/people", json={})

    assert response.status_code == 405
    assert response.mimetype == "application/json"


def test_cors_origins_are_read_from_the_environment():
    settings = config.config_for(
        "production",
        {
            "CORS_ORIGINS": "https://a.example, http://localhost:3000, https://[::1]:8443, https://bücher.example"
        },
    )

    assert settings.CORS_ORIGINS == [
        "https://a.example",
        "http://localhost:3000",
        "https://[::1]:8443",
        "https://xn--bcher-kva.example",
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "a.example",
        "https://a.example/path",
        "ftp://a.example",
        "*",
        "https://a.example:99999",
        "https://a.example:https",
        "https://user@a.example",
        "https://a.example?x=1",
    ],
)
def test_anything_but_an_origin_stops_start_up(bad):
    with pytest.raises(config.ConfigError, match=r"^CORS_ORIGINS holds .* which is not an origin"):
        config.config_for("production", {"CORS_ORIGINS": bad})
