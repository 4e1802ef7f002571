"""Sections plug in: one more entry in the list shows up everywhere a section should."""

from __future__ import annotations

import textwrap
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from site_app import create_app
from site_app.blueprints import SECTIONS
from site_app.web.sections import Section
from tests.databases import sqlite_url
from tests.html import heading, nav_links, parse, text
from tests.languages import PREFIXES
from tools.crawl import crawl

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

THROWAWAY_MODULE = """
from flask import Blueprint, render_template_string

bp = Blueprint("throwaway", __name__)


@bp.get("/throwaway")
def index():
    return render_template_string(
        '{% extends "base.html" %}{% block title %}Throwaway{% endblock %}'
        "{% block description %}A section made by a test.{% endblock %}"
        "{% block content %}<h1>A throwaway section</h1>{% endblock %}"
    )


@bp.get("/throwaway/more")
def more():
    return "more"
"""


@pytest.fixture
def app_with_a_throwaway_section(tmp_path, monkeypatch):
    """The site's sections plus one defined in a module written for this test only."""
    (tmp_path / "throwaway_section.py").write_text(textwrap.dedent(THROWAWAY_MODULE))
    monkeypatch.syspath_prepend(str(tmp_path))
    extra = Section(
        "throwaway", "Throwaway", "A section made by a test.", module="throwaway_section"
    )
    sections = (*SECTIONS[:-1], extra, SECTIONS[-1])
    return create_app(
        {"APP_ENV": "testing", "DATABASE_URL": sqlite_url(tmp_path)}, sections=sections, environ={}
    )


def test_a_new_section_shows_up_everywhere(app_with_a_throwaway_section):
    client = app_with_a_throwaway_section.test_client()

    page = client.get("/throwaway")
    assert page.status_code == 200
    assert heading(page) == "A throwaway section"

    # In every page's navigation, current on its own page.
    site = crawl(client)
    assert site.broken == {}
    for path, html in site.pages.items():
        labels = [text(link) for link in nav_links(BeautifulSoup(html, "html.parser"))]
        assert "Throwaway" in labels, path
    current = [link for link in nav_links(parse(page)) if link.get("aria-current")]
    assert [(text(link), link["href"], link["aria-current"]) for link in current] == [
        ("Throwaway", "/throwaway", "page")
    ]

    # On the home page, with its sentence.
    home = parse(client.get("/"))
    card = home.find("main").find("a", href="/throwaway").find_parent("li")
    assert text(card.find("p")) == "A section made by a test."

    # In the sitemap, and on the About page with both of its routes.
    assert "http://localhost/throwaway" in sitemap_locations(client)
    about = parse(client.get("/about"))
    term = next(
        t for t in about.find("dl", class_="routes").find_all("dt") if "throwaway" in text(t)
    )
    assert [item.get_text() for item in term.find_next_sibling("dd").find_all("li")] == [
        "/throwaway",
        "/throwaway/more",
    ]


def test_a_section_without_a_label_serves_routes_but_is_not_linked(tmp_path, monkeypatch):
    (tmp_path / "throwaway_section.py").write_text(textwrap.dedent(THROWAWAY_MODULE))
    monkeypatch.syspath_prepend(str(tmp_path))
    sections = (*SECTIONS, Section("throwaway", module="throwaway_section"))
    client = create_app(
        {"APP_ENV": "testing", "DATABASE_URL": sqlite_url(tmp_path)}, sections=sections, environ={}
    ).test_client()

    assert client.get("/throwaway/more").get_data(as_text=True) == "more"
    assert "/throwaway" not in [link["href"] for link in nav_links(parse(client.get("/")))]
    assert "http://localhost/throwaway" not in sitemap_locations(client)


def test_a_section_whose_blueprint_has_another_name_stops_start_up(tmp_path):
    wrong = Section("misnamed", "Misnamed", module="site_app.blueprints.about")

    with pytest.raises(
        LookupError, match=r'^Section \'misnamed\': .* name it Blueprint\("misnamed"'
    ):
        create_app(
            {"APP_ENV": "testing", "DATABASE_URL": sqlite_url(tmp_path)},
            sections=[wrong],
            environ={},
        )


def test_every_section_module_defines_the_blueprint_it_is_named_for(app):
    assert list(app.blueprints) == [section.name for section in SECTIONS]


def test_the_sitemap_lists_every_linked_page_as_an_absolute_url(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/xml; charset=utf-8"
    navigation = [link["href"] for link in nav_links(parse(client.get("/")))]
    # Every navigation link but the per-visitor "Sign in", in each language in turn.
    assert sitemap_locations(client) == [
        f"http://localhost{prefix}{path}" for path in navigation[:-1] for prefix in PREFIXES
    ]


def test_the_sitemap_and_canonical_links_use_site_url_when_set(tmp_path):
    client = create_app(
        {
            "APP_ENV": "testing",
            "DATABASE_URL": sqlite_url(tmp_path),
            "SITE_URL": "https://www.example.com",
        },
        environ={},
    ).test_client()

    assert sitemap_locations(client)[0] == "https://www.example.com/"
    assert "Sitemap: https://www.example.com/sitemap.xml" in client.get("/robots.txt").text
    canonical = parse(client.get("/about")).find("link", rel="canonical")["href"]
    assert canonical == "https://www.example.com/about"


def test_the_sitemap_follows_the_host_of_the_request(client):
    response = client.get("/sitemap.xml", base_url="https://shop.example.org")

    assert sitemap_locations_of(response.data)[0] == "https://shop.example.org/"


def sitemap_locations(client):
    return sitemap_locations_of(client.get("/sitemap.xml").data)


def sitemap_locations_of(xml: bytes) -> list[str]:
    root = ElementTree.fromstring(xml)  # noqa: S314 (the site's own, trusted document)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]
