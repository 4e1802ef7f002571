"""One navigation on every page, and no broken link anywhere on the site."""

from __future__ import annotations

from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from tests.html import NAV_LABELS, NAV_PATHS, nav_links, parse, text


@pytest.mark.parametrize(
    ("path", "current_label"),
    [
        ("/", "Home"),
        ("/welcome", "Welcome"),
        ("/goodbye", "Goodbye"),
        ("/users", "Users"),
        ("/about", "About"),
    ],
)
def test_navigation_marks_the_current_page(client, path, current_label):
    links = nav_links(parse(client.get(path)))

    assert [text(link) for link in links] == NAV_LABELS
    assert [link["href"] for link in links] == NAV_PATHS
    assert {text(link): link.get("aria-current") for link in links if link.get("aria-current")} == {
        current_label: "page"
    }


@pytest.mark.parametrize(
    ("path", "section_label"),
    [("/admin", "Users"), ("/guest/Ada", "Users"), ("/hello/Ada", "Home")],
)
def test_navigation_marks_the_section_of_a_page_outside_the_list(client, path, section_label):
    links = nav_links(parse(client.get(path)))

    assert {text(link): link.get("aria-current") for link in links if link.get("aria-current")} == {
        section_label: "true"
    }


def test_error_pages_mark_no_link_as_current(client):
    links = nav_links(parse(client.get("/missing")))

    assert not [link for link in links if link.get("aria-current")]


def linked_paths(response) -> set[str]:
    """Every same-site path a page links to, from anchors and <link> elements."""
    soup = parse(response)
    hrefs = [tag["href"] for tag in soup.find_all(["a", "link"], href=True)]
    paths = set()
    for href in hrefs:
        url = urlsplit(urljoin(response.request.path, href))
        if not url.scheme and not url.netloc and url.path:
            paths.add(url.path + (f"?{url.query}" if url.query else ""))
    return paths


def test_crawler_finds_no_broken_link_and_navigation_everywhere(client):
    """Start at the home page and follow every same-site link on every page found."""
    to_visit, seen, html_pages = deque(["/"]), {"/"}, {}
    while to_visit:
        path = to_visit.popleft()
        response = client.get(path)
        if response.status_code == 302:
            # Only the name redirects redirect, and only to pages that exist.
            assert path.startswith("/user/"), path
            target = response.headers["Location"]
            assert client.get(target).status_code == 200, f"{path} -> {target}"
            links = {target}
        else:
            assert response.status_code == 200, path
            response.close()
            if response.mimetype != "text/html":
                continue
            soup = parse(response)
            assert [text(link) for link in nav_links(soup)] == NAV_LABELS, path
            html_pages[path] = text(soup.find("title"))
            links = linked_paths(response)
        for link in links - seen:
            seen.add(link)
            to_visit.append(link)

    assert set(NAV_PATHS) | {"/hello/Ada", "/admin", "/guest/Ada"} <= set(html_pages)
    assert {path.partition("?")[0] for path in seen} >= {
        "/static/css/site.css",
        "/static/favicon.svg",
    }
    # Every page has its own title.
    assert len(set(html_pages.values())) == len(html_pages)
