"""The page cache: pages the same for everyone are answered without rendering; nothing
per visitor is ever stored or served to someone else."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import session, template_rendered

from config import DEVELOPMENT_ADMIN_PASSWORD
from site_app import create_app
from site_app.middleware.page_cache import same_for_everyone, site_version
from tests.databases import sqlite_url
from tests.html import heading, parse, text
from tools.production_server import free_port


@contextmanager
def renders(app) -> Iterator[list[str]]:
    """The names of the templates rendered while the block runs."""
    rendered: list[str] = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield rendered
    finally:
        template_rendered.disconnect(record, app)


def sign_in(client) -> None:
    data = {"username": "admin", "password": DEVELOPMENT_ADMIN_PASSWORD}
    assert client.post("/login", data=data).status_code == 302


def nav_account_item(response) -> str:
    return text(parse(response).find("nav").find_all("li")[-1])


def test_a_second_visit_is_answered_without_rendering(app, client):
    with renders(app) as rendered:
        first = client.get("/about")
        second = client.get("/about")

    assert first.status_code == second.status_code == 200
    assert second.data == first.data
    assert rendered == ["about/index.html"]  # once
    # Per-response headers stay fresh; the rest is the stored answer's.
    assert second.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert client.get("/about", headers={"X-Request-ID": "abc-1"}).headers["X-Request-ID"] == (
        "abc-1"
    )


def test_a_signed_in_admin_never_gets_the_anonymous_page_nor_the_reverse(app):
    visitor, admin = app.test_client(), app.test_client()
    assert nav_account_item(visitor.get("/about")) == "Sign in"  # now stored

    sign_in(admin)
    assert nav_account_item(admin.get("/about")) == "Sign out"
    assert nav_account_item(admin.get("/about")) == "Sign out"  # not stored: has a session
    assert nav_account_item(visitor.get("/about")) == "Sign in"
    assert nav_account_item(visitor.get("/about")) == "Sign in"


def test_a_page_that_sets_a_cookie_is_never_stored(app):
    calls = []

    @same_for_everyone()
    def remembers_the_visitor():
        calls.append(1)
        session["seen"] = True
        return "<!doctype html><title>Seen</title><p>Remembered.</p>"

    app.add_url_rule("/remembers", "remembers", remembers_the_visitor)
    # A new visitor each time, with no session cookie: only the rule keeps it out.
    answers = [app.test_client().get("/remembers") for _ in range(2)]

    assert [answer.status_code for answer in answers] == [200, 200]
    assert all("session=" in answer.headers["Set-Cookie"] for answer in answers)
    assert len(calls) == 2


def test_the_sign_in_form_is_stored_per_next_and_never_shown_to_the_admin(app):
    with renders(app) as rendered:
        plain = [app.test_client().get("/login") for _ in range(2)]
        with_next = [app.test_client().get("/login?next=/admin") for _ in range(2)]

    assert rendered.count("account/login.html") == 2  # once for each address
    assert parse(plain[1]).find("form", class_="stacked-form")["action"] == "/login"
    assert parse(with_next[1]).find("form", class_="stacked-form")["action"] == (
        "/login?next=/admin"
    )
    admin = app.test_client()
    sign_in(admin)
    assert admin.get("/login").headers["Location"] == "/admin"
    assert admin.get("/login?next=/about").headers["Location"] == "/about"


def test_a_form_page_with_a_history_is_rendered_for_each_visitor(app):
    with renders(app) as rendered:
        for _ in range(2):
            assert app.test_client().get("/predict").status_code == 200

    assert rendered.count("predict/index.html") == 2  # not opted in: it reads the database


def test_a_post_is_never_answered_from_the_cache(client):
    assert client.get("/about").status_code == 200

    response = client.post("/about")

    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_head_and_if_none_match_are_answered_from_the_cache(app, client):
    page = client.get("/about")
    with renders(app) as rendered:
        head = client.head("/about")
        revalidated = client.get("/about", headers={"If-None-Match": page.headers["ETag"]})
        changed = client.get("/about", headers={"If-None-Match": '"something-else"'})

    assert rendered == []
    assert head.status_code == 200
    assert head.data == b""
    assert head.headers["Content-Length"] == page.headers["Content-Length"]
    assert revalidated.status_code == 304
    assert revalidated.data == b""
    assert revalidated.headers["ETag"] == page.headers["ETag"]
    assert "Content-Length" not in revalidated.headers
    assert changed.status_code == 200
    assert changed.data == page.data


def test_two_hosts_never_mix(client):
    first = client.get("/about", base_url="http://one.example")
    second = client.get("/about", base_url="https://two.example")

    canonical = [parse(page).find("link", rel="canonical")["href"] for page in (first, second)]
    assert canonical == ["http://one.example/about", "https://two.example/about"]


def test_a_query_string_is_never_stored_for_a_view_that_does_not_read_one(app, client):
    with renders(app) as rendered:
        client.get("/about?utm_source=mail")
        client.get("/about?utm_source=mail")

    assert rendered.count("about/index.html") == 2


def test_ten_times_more_new_names_than_entries_keep_the_cache_bounded(tmp_path):
    app = create_app(
        {"APP_ENV": "testing", "DATABASE_URL": sqlite_url(tmp_path), "PAGE_CACHE_ENTRIES": 40},
        environ={},
    )
    client = app.test_client()

    for number in range(400):
        assert client.get(f"/hello/visitor-{number}").status_code == 200

    assert len(app.extensions["page_cache"]) == 40
    assert "visitor-399" in client.get("/hello/visitor-399").text


def test_a_page_is_kept_for_page_cache_seconds_then_rendered_again(tmp_path):
    app = create_app(
        {"APP_ENV": "testing", "DATABASE_URL": sqlite_url(tmp_path), "PAGE_CACHE_SECONDS": 1},
        environ={},
    )
    client = app.test_client()
    client.get("/about")

    with renders(app) as rendered:
        kept = client.get("/about")
        time.sleep(1.1)
        expired = client.get("/about")
        again = client.get("/about")

    assert rendered == ["about/index.html"]  # the expired page, and only it
    assert kept.status_code == expired.status_code == again.status_code == 200
    assert kept.text == expired.text == again.text
    assert len(app.extensions["page_cache"]) == 1


def test_a_changed_file_makes_a_new_version_so_a_deploy_never_serves_an_old_page(app, tmp_path):
    """A deploy brings new files and new processes: the same package, one template
    changed, in a folder of its own (the files are read once per process and folder)."""
    before = site_version(app)
    deployed = tmp_path / "site_app"
    shutil.copytree(app.root_path, deployed, ignore=shutil.ignore_patterns("__pycache__"))
    app.root_path = str(deployed)
    assert site_version(app) == before  # the same files: the same version
    changed = tmp_path / "changed" / "site_app"
    shutil.copytree(deployed, changed)
    template = changed / "templates" / "about" / "index.html"
    template.write_text(template.read_text().replace("How it is built", "How it was built"))
    app.root_path = str(changed)

    assert site_version(app) != before


def test_changed_settings_make_a_new_version_too(tmp_path):
    def version(**settings):
        return site_version(
            create_app(
                {"APP_ENV": "testing", "DATABASE_URL": sqlite_url(tmp_path), **settings}, environ={}
            )
        )

    assert version(SITE_NAME="One") != version(SITE_NAME="Two")
    assert version(SECRET_KEY="k" * 40) == version(SECRET_KEY="z" * 40)


@pytest.mark.parametrize("settings", [{"PAGE_CACHE_URI": "off"}, {"DEBUG": True}])
def test_the_cache_can_be_off_and_is_off_in_debug(tmp_path, settings):
    app = create_app(
        {"APP_ENV": "testing", "DATABASE_URL": sqlite_url(tmp_path), **settings}, environ={}
    )
    client = app.test_client()

    with renders(app) as rendered:
        client.get("/about")
        client.get("/about")

    assert "page_cache" not in app.extensions
    assert rendered.count("about/index.html") == 2


def test_an_unreachable_redis_serves_pages_uncached_with_a_warning(tmp_path, caplog):
    closed_port = free_port()
    app = create_app(
        {
            "APP_ENV": "testing",
            "DATABASE_URL": sqlite_url(tmp_path),
            "PAGE_CACHE_URI": f"redis://127.0.0.1:{closed_port}/0",
        },
        environ={},
    )
    client = app.test_client()

    with caplog.at_level(logging.WARNING):
        response = client.get("/about")

    assert response.status_code == 200
    assert "How it is built" in response.text
    assert "Page cache unavailable" in caplog.text


def test_a_signed_in_admin_with_odd_cookies_still_gets_their_own_page(app):
    admin = app.test_client()
    sign_in(admin)
    session = admin.get_cookie("session").value
    # Another site on the domain may set cookies a strict parser gives up on.
    odd = f'theme="unterminated; tracker=a b; session={session}'

    # A client without a cookie jar sends the header as it is.
    response = app.test_client(use_cookies=False).get("/about", headers={"Cookie": odd})

    assert nav_account_item(response) == "Sign out"
    assert nav_account_item(app.test_client().get("/about")) == "Sign in"


def test_nothing_made_for_a_request_with_cookies_is_stored(app):
    with renders(app) as rendered:
        for _ in range(2):
            app.test_client(use_cookies=False).get("/users", headers={"Cookie": "theme=dark"})

    assert rendered.count("users/index.html") == 2


def test_a_path_and_a_query_never_pass_for_another_address(client):
    """The key's parts are kept apart: /hello/X?Y| is not the page stored for /hello/X|Y."""
    stored = client.get("/hello/X|Y")
    other = client.get("/hello/X?Y|")

    assert "X|Y" in heading(stored)
    assert heading(other) == heading(client.get("/hello/X"))
    assert "Y" not in heading(other)


def test_what_free_text_addresses_can_store_is_bounded(app, client):
    """The flood that filled a shared Redis: a name of 1,500 apostrophes, each escaped
    into the page. A name is at most 100 characters, so that address is a 404, which is
    never stored; the longest name's page is stored once, and stays small."""
    with renders(app) as rendered:
        for _ in range(2):
            flood = client.get("/hello/" + "'" * 1_500)
            longest = client.get("/hello/A" + "'" * 99)

    assert flood.status_code == 404
    assert longest.status_code == 200
    assert "A" + "&#39;" * 99 in longest.text
    assert len(longest.data) < 16 * 1024
    assert rendered.count("pages/hello.html") == 1
    assert len(app.extensions["page_cache"]) == 1


def test_a_page_for_an_address_over_256_characters_is_served_but_never_stored(app, client):
    """?next= takes any text: the sign-in page for a long one is someone's own."""
    longest = "/login?next=/" + "a" * (256 - len("/login") - len("next=/"))
    too_long = longest + "a"
    with renders(app) as rendered:
        for _ in range(2):
            assert client.get(longest).status_code == 200
            assert client.get(too_long).status_code == 200

    assert rendered == ["account/login.html"] * 3
    assert len(app.extensions["page_cache"]) == 1
