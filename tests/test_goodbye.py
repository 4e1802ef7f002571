"""The Goodbye section: the page to leave on, with its way back home."""

from __future__ import annotations

from tests.html import SITE_NAME, heading, nav_links, parse, text, title
from tests.languages import needs_french


def test_the_goodbye_page_answers_with_its_title_and_farewell(client):
    response = client.get("/goodbye")

    assert response.status_code == 200
    assert title(response) == f"Goodbye · {SITE_NAME}"
    assert heading(response) == "Thanks for looking around. Come back again soon!"


@needs_french
def test_the_goodbye_page_leads_back_home_in_its_language(client):
    english = parse(client.get("/goodbye")).find("main").find("a", string="Back to the home page")
    french = parse(client.get("/fr/goodbye")).find("main").find("a", href="/fr/")

    assert english["href"] == "/"
    assert text(french) == "Retour à la page d\u2019accueil"


def test_goodbye_is_in_the_navigation_and_marked_current_on_its_page(client):
    links = nav_links(parse(client.get("/goodbye")))
    current = [(text(link), link["href"]) for link in links if link.get("aria-current")]

    assert current == [("Goodbye", "/goodbye")]


def test_goodbye_is_in_the_sitemap(client):
    assert "<loc>http://localhost/goodbye</loc>" in client.get("/sitemap.xml").text
