"""Find every page of the site the way a visitor could: follow links from the home page.

Checks that must cover "every page" (the tests, make audit) take their list from here,
so a page added later is checked without anyone listing it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

# Pages no link leads to, which every check must still cover: an error page and a form
# answered with its error message.
UNLINKED_PAGES = ("/no-such-page", "/users?name=")


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # path -> HTML of each 200 page
    redirects: dict[str, str] = field(default_factory=dict)  # path -> Location
    files: dict[str, int] = field(default_factory=dict)  # stylesheet, icons -> status
    broken: dict[str, int] = field(default_factory=dict)  # path -> unexpected status


def same_site_links(path: str, html: str) -> set[str]:
    """Every same-site path a page links to or loads: anchors, <link>s and scripts."""
    soup = BeautifulSoup(html, "html.parser")
    targets = [tag["href"] for tag in soup.find_all(["a", "link"], href=True)]
    targets += [tag["src"] for tag in soup.find_all("script", src=True)]
    links = set()
    for target in targets:
        url = urlsplit(urljoin(path, target))
        if not url.scheme and not url.netloc and url.path:
            links.add(url.path + (f"?{url.query}" if url.query else ""))
    return links


def crawl(client: FlaskClient, start: str = "/") -> Site:
    site, seen, to_visit = Site(), {start}, deque([start])
    while to_visit:
        path = to_visit.popleft()
        with client.get(path) as response:
            status, mimetype = response.status_code, response.mimetype
            body = response.get_data(as_text=True) if mimetype == "text/html" else ""
            location = response.headers.get("Location")
        if status in (301, 302, 303, 307, 308) and location:
            site.redirects[path] = location
            links = {location}
        elif status != 200:
            site.broken[path] = status
            continue
        elif mimetype == "text/html":
            site.pages[path] = body
            links = same_site_links(path, body)
        else:
            site.files[path] = status
            continue
        for link in links - seen:
            seen.add(link)
            to_visit.append(link)
    return site


def crawled_paths() -> list[str]:
    """Every page reachable from the home page of the test app, sorted."""
    from site_app import create_app

    return sorted(crawl(create_app({"APP_ENV": "testing"}, environ={}).test_client()).pages)
