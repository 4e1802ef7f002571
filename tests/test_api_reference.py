"""The API's reference: /api/openapi.json matches the routes, and the API page shows it."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import coverage
import pytest

from site_app.api.openapi import openapi_document
from site_app.models import characters
from site_app.models.fields import TEXT_PATTERN, text_problem
from tests.html import SITE_NAME, heading, parse, text


@pytest.fixture
def client(writer):
    """These tests write through the API as a client with a token does
    (tests/test_api_tokens.py is about clients without one)."""
    return writer


# Werkzeug's methods that OpenAPI leaves implicit, and the one route it does not describe.
IMPLICIT_METHODS = {"HEAD", "OPTIONS"}
NOT_REST = {"/api/rpc"}


def documented_operations(app) -> set[tuple[str, str]]:
    with app.app_context():
        document = openapi_document()
    return {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method in operations
    }


def routed_operations(app) -> set[tuple[str, str]]:
    operations = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and rule.rule not in NOT_REST:
            # /api/incomes/<int:income_id> is /api/incomes/{income_id} in OpenAPI.
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            operations |= {(method, path) for method in rule.methods - IMPLICIT_METHODS}
    return operations


def test_the_document_is_served_as_json(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    with client.application.app_context():
        assert response.json == openapi_document(SITE_NAME)
    assert response.json["info"]["title"] == f"{SITE_NAME} API"
    assert response.json["openapi"] == "3.1.0"


def test_the_document_describes_every_api_route_and_nothing_else(app):
    assert documented_operations(app) == routed_operations(app)


EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))
SURROGATES = range(0xD800, 0xE000)
BASIC_PLANE = range(0x10000)


# The pattern read as OpenAPI reads it (ECMA-262), where "$" is the very end: Python's "$"
# also matches before a final new line, and its "\Z" means what ECMA's "$" does.
DOCUMENTED_PATTERN = re.compile(TEXT_PATTERN.removesuffix("$") + r"\Z")


def matches_documented_pattern(value: str) -> bool:
    return DOCUMENTED_PATTERN.search(value) is not None


def written_out(*ranges: characters.CodePointRanges) -> set[str]:
    return {chr(code) for code in characters.code_points(*ranges)}


@pytest.mark.parametrize(
    ("ranges", "categories", "plane"),
    [
        (characters.CONTROL, {"Cc"}, None),
        (characters.LINE_SEPARATORS, {"Zl", "Zp"}, None),
        (characters.FORMAT, {"Cf"}, BASIC_PLANE),
    ],
)
def test_character_sets_are_their_unicode_categories(ranges, categories, plane):
    in_category = {
        c
        for c in EVERY_CHARACTER
        if unicodedata.category(c) in categories and (plane is None or ord(c) in plane)
    }

    assert written_out(ranges) == in_category


def test_spaces_are_what_str_strip_removes_besides_control_characters():
    spaces = {c for c in EVERY_CHARACTER if c.isspace() and unicodedata.category(c) != "Cc"}

    assert written_out(characters.SPACES) == spaces


def test_direction_controls_are_the_bidi_embeddings_overrides_isolates_and_marks():
    bidi_classes = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
    marks = {"\u200e", "\u200f", "\u061c"}  # left-to-right, right-to-left, Arabic letter
    controls = {c for c in EVERY_CHARACTER if unicodedata.bidirectional(c) in bidi_classes}

    assert written_out(characters.DIRECTION_CONTROLS) == controls | marks


@contextmanager
def coverage_paused() -> Iterator[None]:
    """Coverage's tracing stopped for a block, through coverage's own API. pytest-cov's
    ``no_cover`` mark does the same, but not in pytest-xdist's workers, where make test
    runs: there a million calls below would take three times as long.

    Every running measurement is stopped, not only the newest: in a worker pytest-cov
    starts two (its controller's and the worker's), and stopping one resumes the one
    beneath, which kept this block at three times as long under make test."""
    stopped: list[coverage.Coverage] = []
    while (running := coverage.Coverage.current()) is not None:
        running.stop()
        stopped.append(running)
    try:
        yield
    finally:
        for measurement in reversed(stopped):
            measurement.start()


def test_the_documented_pattern_and_the_server_agree_on_every_character():
    """Alone, every character is judged the same both ways; the ones refused alone are
    judged the same beside a visible letter too. A character accepted alone needs no
    second look: both checks accept a value whose every character is allowed and one of
    them visible. (The lines this runs are covered by the tests around it.)"""
    with coverage_paused():
        accepted_alone = {
            chr(code): text_problem(chr(code)) is None
            for code in range(sys.maxunicode + 1)
            if code not in SURROGATES
        }
        disagreements = [
            value
            for value, accepted in accepted_alone.items()
            if matches_documented_pattern(value) != accepted
        ]
        beside_a_letter = [
            f"a{value}" for value, accepted in accepted_alone.items() if not accepted
        ]
        disagreements += [
            value
            for value in beside_a_letter
            if matches_documented_pattern(value) != (text_problem(value) is None)
        ]

    assert disagreements == []
    # The control, format and separator characters, and those that show nothing.
    assert 100 < len(beside_a_letter) < 1000


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("salary", True),
        ("  côte d'or \u3000", True),
        (" ", False),
        ("\u2003\xa0", False),
        ("a\nb", False),
        ("\x00", False),
        ("ok\x85", False),
        ("\u200b\ufeff", False),
        ("\u3164", False),
        ("one\u2028two", False),
        ("price \u202e0001", False),
        ("family \U0001f468\u200d\U0001f467", True),
    ],
)
def test_the_documented_pattern_agrees_with_the_server(client, value, valid):
    status = client.post("/api/incomes", json={"description": value, "amount": 1}).status_code

    assert matches_documented_pattern(value) == valid
    assert status == (201 if valid else 400)


def test_the_api_page_lists_every_endpoint(client):
    response = client.get("/api-docs")
    rows = parse(response).find("table").tbody.find_all("tr")
    listed = {tuple(text(cell) for cell in row.find_all("td")[:2]) for row in rows}

    assert response.status_code == 200
    assert heading(response) == "JSON API"
    assert listed == documented_operations(client.application)


def test_the_api_page_gives_curl_commands_with_full_addresses(client):
    # As a visitor copies them: <wbr> break opportunities add no characters.
    examples = [block.get_text() for block in parse(client.get("/api-docs")).find_all("pre")]

    commands = [command for example in examples[1:] for command in example.split("\ncurl")]
    writes = [
        command
        for command in commands
        if "-X PUT" in command or ("-X POST" in command and "App.index" not in command)
    ]

    assert examples[0] == "TOKEN=the-token-you-were-given"
    assert examples[1].startswith("curl http://localhost/api/incomes\ncurl -i -X POST")
    assert any("http://localhost/api/rpc" in example for example in examples)
    assert all("'Content-Type: application/json'" in example for example in examples[1:])
    assert len(writes) == 4
    assert all('-H "Authorization: Bearer $TOKEN"' in command for command in writes)


def test_the_api_page_says_how_writing_is_allowed_and_limited(client):
    page = parse(client.get("/api-docs")).get_text(" ", strip=True)

    assert "Writing needs an API token" in page
    assert "flask --app wsgi api-token create NAME" in page
    assert "Past 60/minute per token, a write gets 429 with Retry-After" in page


def test_the_api_page_names_no_limit_when_it_is_off(make_app):
    page = parse(make_app(API_WRITE_LIMIT="off").test_client().get("/api-docs"))
    text = page.get_text(" ", strip=True)

    assert "Writing needs an API token" in text
    assert "per token" not in text
