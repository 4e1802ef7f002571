"""One navigation on every page, and no broken link anywhere on the site."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import url_for

from tests.html import NAV_LABELS, NAV_LINKS, nav_links, nav_paths, parse, text
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

    assert site.broken == {}
    assert set(nav_paths(app)) | {"/hello/Ada", "/guest/Ada", "/login?next=/admin"} <= set(
        site.pages
    )
    # The name redirects, and the admin page sending a visitor to sign in first.
    assert site.redirects == {
        "/user/admin": "/admin",
        "/user/Ada": "/guest/Ada",
        "/admin": "/login?next=/admin",
    }
    assert {path.partition("?")[0] for path in site.files} == {
        "/static/css/site.css",
        "/static/favicon.svg",
        "/static/js/people.js",
        "/api/people",
        "/api/openapi.json",
    }
    for path, html in site.pages.items():
        soup = BeautifulSoup(html, "html.parser")
        assert [text(link) for link in nav_links(soup)] == NAV_LABELS, path


def test_every_page_has_its_own_title_and_description(client):
    """One title and description per page: addresses that differ only in their query
    string (/login?next=/admin) are the same page, as their canonical link says."""
    pages = {}
    for html in crawl(client).pages.values():
        head = BeautifulSoup(html, "html.parser")
        pages[head.find("link", rel="canonical")["href"]] = head
    titles = [text(head.find("title")) for head in pages.values()]
    descriptions = [
        head.find("meta", attrs={"name": "description"})["content"] for head in pages.values()
    ]

    assert len(set(titles)) == len(titles)
    assert all(descriptions)
    assert len(set(descriptions)) == len(descriptions)
