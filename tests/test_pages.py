"""The pages blueprint: home, hello, the site's root files, and the layout every page shares."""

from __future__ import annotations

import re

import pytest
from flask import url_for

from site_app import create_app
from tests.html import NAV_LINKS, SITE_NAME, heading, parse, text, title


@pytest.mark.parametrize(
    ("path", "expected_title", "expected_heading"),
    [
        ("/", f"Home · {SITE_NAME}", SITE_NAME),
        ("/hello/Ada", f"Hello, Ada · {SITE_NAME}", "Hello, Ada"),
    ],
)
def test_page_answers_with_its_title_and_text(client, path, expected_title, expected_heading):
    response = client.get(path)

    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    assert title(response) == expected_title
    assert heading(response) == expected_heading


def test_home_page_links_to_every_section_and_an_example_greeting(app, client):
    soup = parse(client.get("/"))
    cards = {
        text(card.find("a")): (card.find("a")["href"], text(card.find("p")))
        for card in soup.find("main").find_all("li", class_="card")
    }
    with app.test_request_context():
        expected = {
            link.label: (url_for(link.endpoint), link.summary)
            for link in NAV_LINKS
            if link.endpoint != "pages.index"
        }

    assert cards == expected
    assert len(cards) == len(NAV_LINKS) - 1  # every link but the home page's own
    assert all(summary for _, summary in cards.values())
    assert soup.find("main").find("a", href="/hello/Ada") is not None


@pytest.mark.parametrize(
    ("path", "shown_name"),
    [
        ("/hello/Ada%20Lovelace", "Ada Lovelace"),
        ("/hello/Zo%C3%AB", "Zoë"),
        ("/hello/%E6%9D%8E", "李"),
        ("/hello/AC/DC", "AC/DC"),
        ("/hello/O'Brien%20%22Q%22", 'O\'Brien "Q"'),
    ],
)
def test_hello_greets_any_name(client, path, shown_name):
    response = client.get(path)

    assert response.status_code == 200
    assert heading(response) == f"Hello, {shown_name}"
    assert title(response) == f"Hello, {shown_name} · {SITE_NAME}"


def test_hello_escapes_markup_in_the_name(client):
    response = client.get("/hello/%3Cscript%3Ealert(1)%3C/script%3E")
    body = response.get_data(as_text=True)

    assert response.status_code == 200
    assert heading(response) == "Hello, <script>alert(1)</script>"
    assert "<script>" not in body
    assert "<h1>Hello, &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in body


def test_robots_txt_allows_every_page(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == (
        "User-agent: *\nAllow: /\nSitemap: http://localhost/sitemap.xml\n"
    )


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/", "http://localhost/"),
        ("/about", "http://localhost/about"),
        ("/hello/Zo%C3%AB", "http://localhost/hello/Zo%C3%AB"),
        ("/users?name=", "http://localhost/users"),  # no query string: one address a page
        # A name the path decodes: its "%" and space come back encoded, "~" and "!" as is.
        ("/hello/50%25%20~!", "http://localhost/hello/50%25%20~!"),
    ],
)
def test_pages_name_their_canonical_address(client, path, canonical):
    soup = parse(client.get(path))

    assert [link["href"] for link in soup.find_all("link", rel="canonical")] == [canonical]


def test_behind_a_proxy_the_canonical_address_is_the_public_one():
    app = create_app({"APP_ENV": "testing", "PROXY_COUNT": 1}, environ={})
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "www.example.com"}

    soup = parse(app.test_client().get("/about", headers=headers))

    assert soup.find("link", rel="canonical")["href"] == "https://www.example.com/about"


def test_error_pages_name_no_canonical_address(client):
    assert parse(client.get("/no-such-page")).find("link", rel="canonical") is None


def test_favicon_is_served_at_the_root_and_as_svg(client):
    # Static responses stream a file: close them, as a server does.
    with client.get("/favicon.ico") as ico, client.get("/static/favicon.svg") as svg:
        assert ico.status_code == 200
        assert ico.mimetype == "image/vnd.microsoft.icon"
        assert ico.data[:4] == b"\x00\x00\x01\x00"  # the ICO file signature
        assert svg.status_code == 200
        assert svg.mimetype == "image/svg+xml"


def test_pages_link_the_stylesheet_and_icon_through_static(client):
    soup = parse(client.get("/about"))

    stylesheet = soup.find("link", rel="stylesheet")["href"]
    icon = soup.find("link", rel="icon")["href"]
    assert re.fullmatch(r"/static/css/site\.css\?v=[0-9a-f]{12}", stylesheet)
    assert re.fullmatch(r"/static/favicon\.svg\?v=[0-9a-f]{12}", icon)
    with client.get(stylesheet) as css:
        assert css.status_code == 200
        assert css.mimetype == "text/css"


def test_layout_is_semantic_with_a_working_skip_link(client):
    soup = parse(client.get("/about"))

    assert soup.html["lang"] == "en"
    assert soup.find("meta", attrs={"name": "viewport"})["content"] == (
        "width=device-width, initial-scale=1"
    )
    for landmark in ("header", "nav", "main", "footer"):
        assert soup.find(landmark) is not None, landmark
    skip_link = soup.body.find("a")
    assert text(skip_link) == "Skip to main content"
    assert skip_link["href"] == "#content"
    assert soup.find("main")["id"] == "content"


def test_head_requests_answer_without_a_body(client):
    response = client.head("/about")

    assert response.status_code == 200
    assert response.data == b""


def test_long_paths_wrap_at_their_slashes_and_underscores_only(app):
    breakable = app.jinja_env.filters["breakable"]

    assert breakable("/api/past_predictions/<int:prediction_id>") == (
        "/<wbr>api/<wbr>past_<wbr>predictions/<wbr>&lt;int:prediction_<wbr>id&gt;"
    )
    assert breakable('"><script>') == "&#34;&gt;&lt;script&gt;"


def test_the_about_page_offers_those_breaks_in_its_routes(client):
    html = client.get("/about").get_data(as_text=True)

    assert "<code>/<wbr>api/<wbr>past_<wbr>predictions</code>" in html
