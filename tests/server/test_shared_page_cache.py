"""The page cache in a real Redis, shared by separate instances of the site."""

from __future__ import annotations

import pickle
import shutil

import redis
from flask import template_rendered

from site_app import create_app
from tests.databases import sqlite_url


def instance(tmp_path, redis_url, **settings):
    return create_app(
        {
            "APP_ENV": "testing",
            "DATABASE_URL": sqlite_url(tmp_path),
            "PAGE_CACHE_URI": redis_url,
            **settings,
        },
        environ={},
    )


def rendered_while(app, action) -> list[str]:
    rendered: list[str] = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    with template_rendered.connected_to(record, app):
        action()
    return rendered


def test_one_instance_serves_the_page_another_rendered(tmp_path, redis_url):
    first, second = instance(tmp_path, redis_url), instance(tmp_path, redis_url)
    page = first.test_client().get("/welcome")

    again = []
    rendered = rendered_while(second, lambda: again.append(second.test_client().get("/welcome")))

    assert rendered == []
    assert again[0].status_code == 200
    assert again[0].data == page.data
    assert again[0].headers["X-Request-ID"] != page.headers["X-Request-ID"]


def test_after_a_deploy_with_a_changed_template_the_new_page_is_served(tmp_path, redis_url):
    old = instance(tmp_path, redis_url)
    assert "amazing" in old.test_client().get("/welcome").text

    # The new release: the same package, one template changed, the same Redis.
    package = tmp_path / "release" / "site_app"
    shutil.copytree(old.root_path, package, ignore=shutil.ignore_patterns("__pycache__"))
    template = package / "templates" / "pages" / "welcome.html"
    template.write_text(template.read_text().replace("amazing", "wonderful"))
    new = instance(tmp_path, redis_url)
    new.root_path = str(package)
    new.jinja_loader.searchpath = [str(package / "templates")]

    assert "Welcome to an wonderful Flask App!" in new.test_client().get("/welcome").text
    assert "Welcome to an amazing Flask App!" in old.test_client().get("/welcome").text


class Planted:
    """What an attacker who can write to Redis would plant: a pickle that runs code
    (here, code that makes a file)."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (exec, (f"import pathlib; pathlib.Path({self.path!r}).touch()",))


def test_a_pickle_planted_under_a_page_s_key_is_never_run(tmp_path, redis_url):
    app = instance(tmp_path, redis_url)
    client = app.test_client()
    page = client.get("/goodbye")
    keys = redis.Redis.from_url(redis_url).keys("site_app:page:*")
    assert len(keys) == 1
    ran = tmp_path / "the-pickle-ran"
    planted = pickle.dumps(Planted(ran))
    redis.Redis.from_url(redis_url).set(keys[0], b"!" + planted)

    rendered = rendered_while(app, lambda: client.get("/goodbye"))
    again = client.get("/goodbye")

    assert not ran.exists()
    assert rendered == ["pages/goodbye.html"]  # no page under the key: rendered afresh
    assert again.data == page.data
    stored = redis.Redis.from_url(redis_url).get(keys[0])
    assert stored.startswith(b'{"status": "200 OK"')
