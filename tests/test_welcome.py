"""The Welcome section: the greeting every visitor gets, in both languages."""

from __future__ import annotations

from tests.html import SITE_NAME, heading, nav_links, parse, text, title
from tests.languages import needs_french


def test_the_welcome_page_answers_with_its_title_and_greeting(client):
    response = client.get("/welcome")

    assert response.status_code == 200
    assert title(response) == f"Welcome · {SITE_NAME}"
    assert heading(response) == "Welcome to an amazing Flask App!"


@needs_french
def test_the_greeting_is_french_under_fr(client):
    # French puts a no-break space before "!", ":" and ";".
    assert "<h1>Bienvenue dans une appli Flask formidable\u00a0!</h1>" in (
        client.get("/fr/welcome").text
    )


def test_welcome_is_in_the_navigation_and_marked_current_on_its_page(client):
    links = nav_links(parse(client.get("/welcome")))
    current = [(text(link), link["href"]) for link in links if link.get("aria-current")]

    assert current == [("Welcome", "/welcome")]


def test_welcome_is_in_the_sitemap(client):
    assert "<loc>http://localhost/welcome</loc>" in client.get("/sitemap.xml").text
