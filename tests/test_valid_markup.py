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


def check(checker: list[str], files: list[Path], *options: str) -> list[dict]:
    result = subprocess.run(
        [*checker, "--format", "json", *options, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return json.loads(result.stderr)["messages"]


def readable(messages: list[dict], names: dict[str, str]) -> str:
    return "\n".join(
        f"{names.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: "
        f"{m['type']}: {m['message']}"
        for m in messages
    )


def test_every_page_is_valid_html(client, checker, tmp_path):
    names, files = {}, []
    for number, (path, html) in enumerate(every_page(client).items()):
        file = tmp_path / f"page{number}.html"
        file.write_text(html)
        names[file.name] = path
        files.append(file)

    messages = check(checker, files)

    assert len(files) >= 10
    assert messages == [], readable(messages, names)


def test_stylesheet_is_valid_css(checker):
    messages = check(checker, [STYLESHEET], "--css")

    assert messages == [], readable(messages, {})
