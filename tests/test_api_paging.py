"""Lists come a page at a time: ?limit= (default 50, at most 500) and the cursor ?after=."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from site_app.models.database import engine_with_schema
from site_app.models.tables import incomes, predictions
from tests.api import invalid_input


@pytest.fixture
def app(make_app):
    """On SQLite and on PostgreSQL (the database_url fixture)."""
    return make_app()


def store(app, table, count):
    rows = (
        [{"description": f"income {n}", "amount": n} for n in range(count)]
        if table is incomes
        else [{"years_experience": n % 50, "salary": 1000 + n} for n in range(count)]
    )
    with app.app_context(), engine_with_schema().begin() as connection:
        connection.execute(insert(table), rows)


LISTS = [("/api/incomes", incomes), ("/api/past_predictions", predictions)]


@pytest.mark.parametrize(("path", "table"), LISTS)
def test_a_page_holds_fifty_items_and_links_to_the_next(app, client, path, table):
    store(app, table, 120)

    response = client.get(path)

    assert response.status_code == 200
    assert [item["id"] for item in response.json["items"]] == list(range(1, 51))
    assert response.json["next_after"] == 50
    assert response.headers["Link"] == f'<http://localhost{path}?limit=50&after=50>; rel="next"'


@pytest.mark.parametrize(("path", "table"), LISTS)
def test_following_the_links_gives_every_item_once_and_the_last_page_links_nowhere(
    app, client, path, table
):
    store(app, table, 120)
    seen, address, pages = [], f"{path}?limit=45", 0

    while address:
        response = client.get(address)
        seen += [item["id"] for item in response.json["items"]]
        pages += 1
        link = response.headers.get("Link")
        address = link[1 : link.index(">")].removeprefix("http://localhost") if link else None

    assert seen == list(range(1, 121))
    assert pages == 3
    assert response.json["next_after"] is None


def test_rows_added_while_paging_neither_repeat_nor_go_missing(app, client):
    store(app, incomes, 10)
    first = client.get("/api/incomes?limit=6").json
    store(app, incomes, 3)

    second = client.get(f"/api/incomes?limit=6&after={first['next_after']}").json

    assert [item["id"] for item in first["items"] + second["items"]] == list(range(1, 13))
    assert second["next_after"] == 12


def test_limit_may_be_one_to_five_hundred(app, client):
    store(app, incomes, 501)

    one = client.get("/api/incomes?limit=1").json
    most = client.get("/api/incomes?limit=500").json

    assert [item["id"] for item in one["items"]] == [1]
    assert len(most["items"]) == 500
    assert most["next_after"] == 500


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("limit=0", "limit", "limit must be a whole number from 1 to 500."),
        ("limit=501", "limit", "limit must be a whole number from 1 to 500."),
        ("limit=ten", "limit", "limit must be a whole number from 1 to 500."),
        ("limit=", "limit", "limit must be a whole number from 1 to 500."),
        ("limit=2.5", "limit", "limit must be a whole number from 1 to 500."),
        ("limit=%EF%BC%95", "limit", "limit must be a whole number from 1 to 500."),
        ("after=-1", "after", "after must be a whole number from 0 to 2147483647."),
        ("after=2147483648", "after", "after must be a whole number from 0 to 2147483647."),
        ("after=" + "9" * 400, "after", "after must be a whole number from 0 to 2147483647."),
    ],
)
@pytest.mark.parametrize("path", ["/api/incomes", "/api/past_predictions"])
def test_bad_paging_values_get_400_naming_the_parameter(client, path, query, field, message):
    response = client.get(f"{path}?{query}")

    assert response.status_code == 400
    assert response.json == invalid_input(field, message)


def test_json_rpc_lists_a_page_the_same_way(app, client):
    store(app, incomes, 7)
    call = {"jsonrpc": "2.0", "id": 1, "method": "Incomes.list"}

    by_name = client.post("/api/rpc", json={**call, "params": {"limit": 3, "after": 2}}).json
    by_position = client.post("/api/rpc", json={**call, "params": [3, 2]}).json
    refused = client.post("/api/rpc", json={**call, "params": {"limit": 0}}).json

    assert [item["id"] for item in by_name["result"]["items"]] == [3, 4, 5]
    assert by_name["result"]["next_after"] == 5
    assert by_position["result"] == by_name["result"]
    assert by_name["result"] == client.get("/api/incomes?limit=3&after=2").json
    assert refused["error"]["code"] == -32602
    assert refused["error"]["data"] == {
        "field": "limit",
        "message": "limit must be a whole number from 1 to 500.",
    }
