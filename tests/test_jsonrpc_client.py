"""/api/rpc driven by jsonrpcclient, a JSON-RPC 2.0 client nobody here wrote: the calls
are its bytes, and its parser reads the answers. The cases an outside client tripped on:
notifications never answered (refused or not), a batch whose read is answered while its
write without a token is refused, and this server's own error codes."""

from __future__ import annotations

import json

from jsonrpcclient import Error, Ok, notification_json, parse, request_json

from tests.html import SITE_NAME

NEW_INCOME = {"description": "gift", "amount": 5}


def send(client, payload: str, **headers):
    return client.post("/api/rpc", data=payload, content_type="application/json", headers=headers)


def test_a_call_and_its_answer(client):
    answer = parse(send(client, request_json("App.index", id=7)).json)

    assert answer == Ok(f"Welcome to the JSON-RPC API of {SITE_NAME}", 7)


def test_a_write_notification_without_a_token_is_neither_run_nor_answered(client):
    response = send(client, notification_json("Incomes.add", params=NEW_INCOME))

    assert response.status_code == 204
    assert response.data == b""
    assert parse(send(client, request_json("Incomes.list", id=1)).json).result["items"] == []


def test_a_batch_of_a_read_and_a_write_without_a_token_answers_each(client):
    batch = "[" + request_json("Incomes.list", id=1) + ","
    batch += request_json("Incomes.add", params=NEW_INCOME, id=2) + "]"

    read, write = parse(json.loads(send(client, batch).data))

    assert read == Ok({"items": [], "next_after": None}, 1)
    assert isinstance(write, Error)
    assert (write.code, write.message, write.id) == (-32001, "Token required", 2)
    assert write.data["message"].startswith("Writing through the API needs a token")


def test_a_batch_with_the_token_writes_and_reads(client, api_token):
    batch = "[" + request_json("Incomes.add", params=NEW_INCOME, id=1) + ","
    batch += request_json("Incomes.list", id=2) + "]"

    added, listed = parse(send(client, batch, Authorization=f"Bearer {api_token}").json)

    assert added == Ok({"id": 1, "description": "gift", "amount": 5.0}, 1)
    assert listed == Ok(
        {"items": [{"id": 1, "description": "gift", "amount": 5.0}], "next_after": None}, 2
    )
