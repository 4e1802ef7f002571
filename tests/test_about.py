"""The about page: what the site is, read from the running app and its section list."""

from __future__ import annotations

from site_app.blueprints import SECTIONS
from tests.html import SITE_NAME, heading, parse, text, title


def test_about_page_explains_the_site(client):
    response = client.get("/about")
    page_text = text(parse(response).find("main"))

    assert response.status_code == 200
    assert heading(response) == f"About {SITE_NAME}"
    assert title(response) == f"About · {SITE_NAME}"
    assert "create_app()" in page_text
    assert "APP_ENV" in page_text
    assert "This copy runs as testing" in page_text


def listed_routes(soup):
    """{section name: its paths}, in the order the page lists them."""
    routes = soup.find("dl", class_="routes")
    return {
        text(term.find("code")): [
            item.get_text() for item in term.find_next_sibling("dd").find_all("li")
        ]
        for term in routes.find_all("dt")
    }


def routes_in_url_map(app):
    """{section name: its paths} as the app's URL map has them."""
    paths = {section.name: set() for section in SECTIONS}
    for rule in app.url_map.iter_rules():
        section_name = rule.endpoint.rpartition(".")[0]
        if section_name:
            paths[section_name].add(rule.rule)
    return {name: sorted(rules) for name, rules in paths.items()}


def test_about_page_lists_each_section_with_its_routes_in_order(app, client):
    listed = listed_routes(parse(client.get("/about")))

    assert list(listed) == [section.name for section in SECTIONS]
    assert listed == routes_in_url_map(app)
    assert listed["pages"][:2] == ["/", "/favicon.ico"]
    assert listed["rpc"] == ["/api/rpc"]
