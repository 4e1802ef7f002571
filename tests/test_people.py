"""The People section: a page whose table people.js fills from /api/people.

The script itself runs in Chromium (tests/browser/test_site_in_browser.py); here, the
page and what it points the script at, in both languages.
"""

from __future__ import annotations

import pytest

from tests.html import heading, parse
from tests.languages import PREFIXES


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_people_page_points_its_script_at_the_api_at_the_root(client, prefix):
    page = parse(client.get(f"{prefix}/people"))
    script = page.find("script")["src"]
    source = page.find("table")["data-source"]

    assert page.find("link", rel="stylesheet")["href"].startswith("/static/css/site.css?v=")
    assert script.startswith("/static/js/people.js?v=")
    # The same addresses in every language: the script and the API exist once.
    assert source == "/api/people"
    with client.get(script) as response:  # a file: closed when read
        assert response.status_code == 200
    assert client.get(source).status_code == 200


def test_the_people_page_says_what_it_needs_without_javascript(client):
    response = client.get("/people")
    page = parse(response)

    assert response.status_code == 200
    assert heading(response) == "People"
    notice = page.find(id="people-needs-script")
    assert "This page needs JavaScript to build its table." in notice.get_text(" ")
    assert notice.find("a", href="/api/people") is not None
