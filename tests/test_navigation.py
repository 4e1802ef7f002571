"""One navigation on every page, and no broken link anywhere on the site."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import url_for

from site_app.i18n.languages import LANGUAGES, PREFIXED, split_language
from tests.html import NAV_LABELS, NAV_LINKS, nav_labels_in, nav_links, nav_paths, parse, text
from tests.languages import PREFIXES
from tools.crawl import crawl


@pytest.mark.parametrize(
    ("endpoint", "current_label"),
    [(link.endpoint, link.label) for link in NAV_LINKS] + [("account.login", "Sign in")],
)
def test_navigation_marks_the_current_page(app, client, endpoint, current_label):
    with app.test_request_context():
        path = url_for(endpoint)
    links = nav_links(parse(client.get(path)))

    assert [text(link) for link in links] == NAV_LABELS
    assert [link["href"] for link in links] == nav_paths(app)
    assert {text(link): link.get("aria-current") for link in links if link.get("aria-current")} == {
        current_label: "page"
    }


@pytest.mark.parametrize(
    ("path", "section_label"),
    [("/guest/Ada", "Users"), ("/hello/Ada", "Home")],
)
def test_navigation_marks_the_section_of_a_page_outside_the_list(client, path, section_label):
    links = nav_links(parse(client.get(path)))

    assert {text(link): link.get("aria-current") for link in links if link.get("aria-current")} == {
        section_label: "true"
    }


def test_error_pages_mark_no_link_as_current(client):
    links = nav_links(parse(client.get("/missing")))

    assert not [link for link in links if link.get("aria-current")]


def test_crawler_finds_no_broken_link_and_navigation_everywhere(app, client):
    """Start at the home page and follow every same-site link on every page found."""
    site = crawl(client)
    labels = {language: nav_labels_in(app, language) for language in LANGUAGES}

    assert site.broken == {}
    english = {*nav_paths(app), "/hello/Ada", "/guest/Ada", "/login?next=/admin"}
    assert {prefix + path for prefix in PREFIXES for path in english} <= set(site.pages)
    # The name redirects, and the admin page sending a visitor to sign in first, in
    # each language; the path after sign-in is the site's own, without the language.
    redirects = {"/user/admin": "/admin", "/user/Ada": "/guest/Ada", "/admin": "/login?next=/admin"}
    assert site.redirects == {
        prefix + path: prefix + target for prefix in PREFIXES for path, target in redirects.items()
    }
    # Every page's stylesheet and icon answer (nothing is broken, above), and the home
    # page's hint script where there is another language to hint at; a section's own
    # files (its script) are its own tests'.
    files = {"/static/css/site.css", "/static/favicon.svg"}
    if PREFIXED:
        files.add("/static/js/language-hint.js")
    assert files <= {path.partition("?")[0] for path in site.files}
    for path, html in site.pages.items():
        soup = BeautifulSoup(html, "html.parser")
        language, _ = split_language(path)
        assert [text(link) for link in nav_links(soup)] == labels[language], path


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_page_has_its_own_title_and_description(app, client, language):
    """One title and description per page in each language: addresses that differ only
    in their query string (/login?next=/admin) are the same page, as their canonical
    link says. (A section not yet translated has the same words in both languages.)"""
    pages = {}
    for html in crawl(client).pages.values():
        head = BeautifulSoup(html, "html.parser")
        if head.html["lang"] == language:
            pages[head.find("link", rel="canonical")["href"]] = head
    titles = [text(head.find("title")) for head in pages.values()]
    descriptions = [
        head.find("meta", attrs={"name": "description"})["content"] for head in pages.values()
    ]

    assert len(titles) >= len(nav_paths(app))
    assert len(set(titles)) == len(titles)
    assert all(descriptions)
    assert len(set(descriptions)) == len(descriptions)
