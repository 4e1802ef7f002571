"""The about page: what the site is, read from the running app."""

from __future__ import annotations

from tests.html import heading, parse, text, title


def test_about_page_explains_the_site(client):
    response = client.get("/about")
    page_text = text(parse(response).find("main"))

    assert response.status_code == 200
    assert heading(response) == "About site_app"
    assert title(response) == "About · site_app"
    assert "create_app()" in page_text
    assert "APP_ENV" in page_text
    assert "This copy runs as testing" in page_text


def test_about_page_lists_each_blueprint_with_its_routes(client):
    soup = parse(client.get("/about"))
    routes = soup.find("dl", class_="routes")
    listed = {
        text(term): [text(item) for item in term.find_next_sibling("dd").find_all("li")]
        for term in routes.find_all("dt")
    }

    assert listed == {
        "pages": ["/", "/favicon.ico", "/goodbye", "/hello/<path:name>", "/robots.txt", "/welcome"],
        "users": ["/admin", "/guest/<path:guest>", "/user/<path:name>", "/users"],
        "people": ["/people"],
        "predict": ["/predict"],
        "api_docs": ["/api-docs"],
        "account": ["/login", "/logout"],
        "about": ["/about"],
        "health": ["/healthz"],
        "api": [
            "/api/incomes",
            "/api/incomes/<int:income_id>",
            "/api/openapi.json",
            "/api/past_predictions",
            "/api/past_predictions/<int:prediction_id>",
            "/api/past_predictions/last",
            "/api/people",
            "/api/predict",
            "/api/rpc",
        ],
    }


def test_about_page_grows_with_a_new_blueprint(app, client):
    from flask import Blueprint

    extra = Blueprint("extra", __name__)
    extra.add_url_rule("/extra", "index", lambda: "extra")
    app.register_blueprint(extra)

    soup = parse(client.get("/about"))

    assert "extra" in [text(term) for term in soup.find("dl", class_="routes").find_all("dt")]
