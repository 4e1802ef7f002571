"""Every page's HTML and the stylesheet pass the Nu HTML checker with no error or warning.

Pages come from the crawler, plus the pages no link leads to (errors, a refused form),
so a page added later is checked without being listed here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from site_app import create_app
from site_app.models.database import close_database
from tests.databases import sqlite_url
from tests.processes import PROJECT_ROOT
from tools.crawl import UNLINKED_PAGES, crawl

# The Nu HTML checker runs on Java.
pytestmark = pytest.mark.java

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STYLESHEET = PROJECT_ROOT / "site_app" / "static" / "css" / "site.css"


@pytest.fixture(scope="module")
def checker() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        message = "the Nu HTML checker needs Java and node_modules: run `make test`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU_JAR)]


def every_page(client) -> dict[str, str]:
    pages = dict(crawl(client).pages)
    for path in UNLINKED_PAGES:
        pages[path] = client.get(path).get_data(as_text=True)
    pages["POST /about"] = client.post("/about").get_data(as_text=True)
    return pages


@pytest.fixture(scope="module")
def checked(checker, tmp_path_factory) -> dict[str, list[dict]]:
    """The checker's messages on every page and on the stylesheet, by what was checked
    (a message about no file of them under "checker"). One run checks them all: Java's
    start is most of a run's time."""
    folder = tmp_path_factory.mktemp("pages")
    app = create_app({"APP_ENV": "testing", "DATABASE_URL": sqlite_url(folder)}, environ={})
    files = {}
    for number, (path, html) in enumerate(every_page(app.test_client()).items()):
        file = folder / f"page{number}.html"
        file.write_text(html)
        files[file] = path
    close_database(app)
    files[STYLESHEET] = STYLESHEET.name

    result = subprocess.run(
        [*checker, "--format", "json", "--also-check-css", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    by_name = {file.name: path for file, path in files.items()}
    messages: dict[str, list[dict]] = {path: [] for path in files.values()}
    for message in json.loads(result.stderr)["messages"]:
        checked_as = by_name.get(Path(message.get("url", "")).name, "checker")
        messages.setdefault(checked_as, []).append(message)
    return messages


def readable(messages: dict[str, list[dict]]) -> str:
    return "\n".join(
        f"{path}:{m.get('lastLine')}: {m['type']}: {m['message']}"
        for path, found in messages.items()
        for m in found
    )


def test_every_page_is_valid_html(checked):
    pages = {path: found for path, found in checked.items() if path != STYLESHEET.name}

    assert len(pages) >= 10
    assert {path: found for path, found in pages.items() if found} == {}, readable(pages)


def test_stylesheet_is_valid_css(checked):
    stylesheet = {STYLESHEET.name: checked[STYLESHEET.name]}

    assert stylesheet == {STYLESHEET.name: []}, readable(stylesheet)
