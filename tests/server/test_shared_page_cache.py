"""The page cache in a real Redis, shared by separate instances of the site."""

from __future__ import annotations

import pickle
import shutil

import pytest
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
    page = first.test_client().get("/about")

    again = []
    rendered = rendered_while(second, lambda: again.append(second.test_client().get("/about")))

    assert rendered == []
    assert again[0].status_code == 200
    assert again[0].data == page.data
    assert again[0].headers["X-Request-ID"] != page.headers["X-Request-ID"]


def test_after_a_deploy_with_a_changed_template_the_new_page_is_served(tmp_path, redis_url):
    old = instance(tmp_path, redis_url)
    assert "How it is built" in old.test_client().get("/about").text

    # The new release: the same package, one template changed, the same Redis.
    package = tmp_path / "release" / "site_app"
    shutil.copytree(old.root_path, package, ignore=shutil.ignore_patterns("__pycache__"))
    template = package / "templates" / "about" / "index.html"
    template.write_text(template.read_text().replace("How it is built", "How it was built"))
    new = instance(tmp_path, redis_url)
    new.root_path = str(package)
    new.jinja_loader.searchpath = [str(package / "templates")]

    assert "How it was built" in new.test_client().get("/about").text
    assert "How it is built" in old.test_client().get("/about").text


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
    page = client.get("/users")
    keys = redis.Redis.from_url(redis_url).keys("site_app:page:*")
    assert len(keys) == 1
    ran = tmp_path / "the-pickle-ran"
    planted = pickle.dumps(Planted(ran))
    redis.Redis.from_url(redis_url).set(keys[0], b"!" + planted)

    rendered = rendered_while(app, lambda: client.get("/users"))
    again = client.get("/users")

    assert not ran.exists()
    assert rendered == ["users/index.html"]  # no page under the key: rendered afresh
    assert again.data == page.data
    stored = redis.Redis.from_url(redis_url).get(keys[0])
    assert stored.startswith(b'{"status": "200 OK"')


# The bound the tests give the cache's Redis: the fleet's role (allkeys-lru) with less
# memory (an empty Redis holds about 1 MiB), so that 400 pages go past it.
SMALL_BOUND = 2 * 1024 * 1024


def flood(client, pages: int) -> None:
    """Distinct pages, each about 7.5 KB as stored: the longest name, apostrophes escaped."""
    for number in range(pages):
        assert client.get(f"/hello/{number:05}" + "'" * 94).status_code == 200


def test_a_flood_of_pages_stays_within_the_cache_s_bound(tmp_path, fleet_redis):
    cache_url = fleet_redis("cache")
    store = redis.Redis.from_url(cache_url)
    store.config_set("maxmemory", SMALL_BOUND)
    app = instance(tmp_path, cache_url + "/0")
    client = app.test_client()

    flood(client, 400)

    memory = store.info("memory")
    assert memory["used_memory"] <= SMALL_BOUND
    assert store.info("stats")["evicted_keys"] > 0
    # The pages read last are still served from the store.
    assert rendered_while(app, lambda: client.get("/hello/00399" + "'" * 94)) == []


def test_a_flood_of_pages_never_resets_a_write_limit(tmp_path, fleet_redis):
    """The limits live in a Redis of their own that never evicts: a token at its write
    limit stays there, however many pages the cache's Redis takes meanwhile."""
    limits_url, cache_url = fleet_redis("limits"), fleet_redis("cache")
    redis.Redis.from_url(cache_url).config_set("maxmemory", SMALL_BOUND)
    app = instance(
        tmp_path,
        cache_url + "/0",
        RATELIMIT_STORAGE_URI=limits_url + "/0",
        API_WRITE_LIMIT="2/hour",
    )
    token = app.test_cli_runner().invoke(args=["api-token", "create", "writer"]).stdout.strip()
    writer = app.test_client()
    writer.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"

    def write() -> int:
        return writer.post("/api/predict", json={"years_experience": 3}).status_code

    assert [write(), write(), write()] == [201, 201, 429]
    flood(app.test_client(), 400)

    assert redis.Redis.from_url(cache_url).info("stats")["evicted_keys"] > 0
    assert write() == 429


def test_the_fleet_s_redis_servers_want_the_password(fleet_redis):
    for role in ("limits", "cache"):
        url = fleet_redis(role)
        without_password = url.replace(url[url.index("//") + 2 : url.index("@") + 1], "")

        with pytest.raises(redis.AuthenticationError):
            redis.Redis.from_url(without_password).set("planted", "x")
