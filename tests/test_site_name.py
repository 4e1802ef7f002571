"""The site's name comes from SITE_NAME: every page shows it, none shows "site_app"."""

from __future__ import annotations

from bs4 import BeautifulSoup

import config
from site_app.settings.site import DEFAULT_SITE_NAME
from tests.html import SITE_NAME, text
from tools.crawl import UNLINKED_PAGES, crawl


def test_every_page_shows_the_configured_name_and_never_the_default(client):
    site = crawl(client)
    pages = dict(site.pages)
    for path in UNLINKED_PAGES:
        pages[path] = client.get(path).get_data(as_text=True)

    assert len(pages) > 10
    for path, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
        assert text(soup.find("title")).endswith(f" · {SITE_NAME}"), path
        assert text(soup.find(class_="brand")) == SITE_NAME, path
        # "Acme Widgets: a ..." in English, "Acme Widgets : un ..." in French.
        assert text(soup.find("footer")).startswith(SITE_NAME), path
        # Code samples may name the package; nothing a visitor reads does.
        for sample in soup.find_all(["code", "pre"]):
            sample.decompose()
        assert "site_app" not in soup.get_text(), path
        assert "site_app" not in soup.find("meta", attrs={"name": "description"})["content"]


def test_the_api_document_takes_the_name(client):
    assert client.get("/api/openapi.json").json["info"]["title"] == f"{SITE_NAME} API"


def test_site_name_is_read_from_the_environment_with_a_default():
    assert config.config_for("testing", {}).SITE_NAME == DEFAULT_SITE_NAME
    assert config.config_for("testing", {"SITE_NAME": " Acme Widgets "}).SITE_NAME == (
        "Acme Widgets"
    )
