"""/api/people: invented sample people, readable cross-origin only by listed origins."""

from __future__ import annotations

import pytest

import config
from site_app import create_app

APP_ORIGIN = "https://app.example.com"


@pytest.fixture
def cors_client():
    return create_app({"APP_ENV": "testing", "CORS_ORIGINS": [APP_ORIGIN]}).test_client()


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
        "production", {"CORS_ORIGINS": "https://a.example, http://localhost:3000"}
    )

    assert settings.CORS_ORIGINS == ["https://a.example", "http://localhost:3000"]


@pytest.mark.parametrize("bad", ["a.example", "https://a.example/path", "ftp://a.example", "*"])
def test_anything_but_an_origin_stops_start_up(bad):
    with pytest.raises(config.ConfigError, match=r"^CORS_ORIGINS holds .* which is not an origin"):
        config.config_for("production", {"CORS_ORIGINS": bad})
