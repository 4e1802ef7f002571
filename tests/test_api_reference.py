"""The API's reference: /api/openapi.json matches the routes, and the API page shows it."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from site_app.api_input import CONTROL_CHARACTERS, SPACES, TEXT_PATTERN
from site_app.api_reference import openapi_document
from tests.html import heading, parse, text

# Werkzeug's methods that OpenAPI leaves implicit, and the one route it does not describe.
IMPLICIT_METHODS = {"HEAD", "OPTIONS"}
NOT_REST = {"/api/rpc"}


def documented_operations() -> set[tuple[str, str]]:
    document = openapi_document()
    base = document["servers"][0]["url"]
    return {
        (method.upper(), base + path)
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
    assert response.json == openapi_document()
    assert response.json["openapi"] == "3.1.0"


def test_the_document_describes_every_api_route_and_nothing_else(app):
    assert documented_operations() == routed_operations(app)


EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_control_characters_are_unicodes_cc_category():
    allowed = re.sub(f"[{CONTROL_CHARACTERS}]", "", EVERY_CHARACTER)

    assert allowed == "".join(c for c in EVERY_CHARACTER if unicodedata.category(c) != "Cc")


def test_spaces_are_what_str_strip_removes_besides_control_characters():
    not_blank = re.sub(f"[{CONTROL_CHARACTERS}{SPACES}]", "", EVERY_CHARACTER)

    assert not_blank == "".join(
        c for c in EVERY_CHARACTER if not c.isspace() and unicodedata.category(c) != "Cc"
    )


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
    ],
)
def test_the_documented_pattern_agrees_with_the_server(client, value, valid):
    status = client.post("/api/incomes", json={"description": value, "amount": 1}).status_code

    assert (re.search(TEXT_PATTERN, value) is not None) == valid
    assert status == (201 if valid else 400)


def test_the_api_page_lists_every_endpoint(client):
    response = client.get("/api-docs")
    rows = parse(response).find("table").tbody.find_all("tr")
    listed = {tuple(text(cell) for cell in row.find_all("td")[:2]) for row in rows}

    assert response.status_code == 200
    assert heading(response) == "JSON API"
    assert listed == documented_operations()


def test_the_api_page_gives_curl_commands_with_full_addresses(client):
    examples = [text(block) for block in parse(client.get("/api-docs")).find_all("pre")]

    assert examples[0].startswith("curl http://localhost/api/incomes curl -i -X POST")
    assert any("http://localhost/api/rpc" in example for example in examples)
    assert all("'Content-Type: application/json'" in example for example in examples)
