"""JSON-RPC 2.0, held to its specification: every example of its section 7, replayed
with the same methods, then the rules outside clients trip on, over HTTP at /api/rpc."""

from __future__ import annotations

import json

import pytest

from site_app.api.jsonrpc import Methods
from tests.html import SITE_NAME

spec = Methods()


@spec.method("subtract")
def subtract(minuend=None, subtrahend=None):
    return minuend - subtrahend


@spec.method("sum")
def add_up(*numbers):
    return sum(numbers)


@spec.method("update")
def update(*values):
    return None


@spec.method("notify_hello")
def notify_hello(*values):
    return None


@spec.method("notify_sum")
def notify_sum(*values):
    return sum(values)


@spec.method("get_data")
def get_data():
    return ["hello", 5]


def error(code: int, message: str, call_id=None) -> dict:
    return {"jsonrpc": "2.0", "error": {"code": code, "message": message}, "id": call_id}


def without_data(answer):
    """The answer with each error's data (this site's words) left out, as the
    specification's examples show them."""
    if isinstance(answer, list):
        return [without_data(item) for item in answer]
    if answer is not None and "error" in answer:
        answer = {**answer, "error": {k: v for k, v in answer["error"].items() if k != "data"}}
    return answer


# (what is sent, what the specification says comes back); None: nothing at all.
EXAMPLES = [
    (
        '{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}',
        {"jsonrpc": "2.0", "result": 19, "id": 1},
    ),
    (
        '{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}',
        {"jsonrpc": "2.0", "result": -19, "id": 2},
    ),
    (
        '{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, '
        '"id": 3}',
        {"jsonrpc": "2.0", "result": 19, "id": 3},
    ),
    (
        '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, '
        '"id": 4}',
        {"jsonrpc": "2.0", "result": 19, "id": 4},
    ),
    ('{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}', None),
    ('{"jsonrpc": "2.0", "method": "foobar"}', None),
    ('{"jsonrpc": "2.0", "method": "foobar", "id": "1"}', error(-32601, "Method not found", "1")),
    ('{"jsonrpc": "2.0", "method": 1, "params": "bar"}', error(-32600, "Invalid Request")),
    ("[]", error(-32600, "Invalid Request")),
    ("[1]", [error(-32600, "Invalid Request")]),
    ("[1,2,3]", [error(-32600, "Invalid Request")] * 3),
    (
        """[
        {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
        {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
        {"foo": "boo"},
        {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
        {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
        ]""",
        [
            {"jsonrpc": "2.0", "result": 7, "id": "1"},
            {"jsonrpc": "2.0", "result": 19, "id": "2"},
            error(-32600, "Invalid Request"),
            error(-32601, "Method not found", "5"),
            {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"},
        ],
    ),
    (
        """[
        {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}
        ]""",
        None,
    ),
]


@pytest.mark.parametrize(("sent", "expected"), EXAMPLES)
def test_the_specifications_examples(app, sent, expected):
    with app.app_context():
        assert without_data(spec.answer(json.loads(sent))) == expected


# Over HTTP, at /api/rpc ----------------------------------------------------------------


def post(client, body, **headers):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/api/rpc", data=data, content_type="application/json", headers=headers)


@pytest.mark.parametrize(
    "notification",
    [
        {"jsonrpc": "2.0", "method": "No.such.method"},
        [{"jsonrpc": "2.0", "method": "No.such.method"}, {"jsonrpc": "2.0", "method": "App.index"}],
        {"jsonrpc": "2.0", "method": "Incomes.list", "params": {"limit": 0}},
    ],
)
def test_notifications_are_never_answered(client, notification):
    response = post(client, notification)

    assert response.status_code == 204
    assert response.get_data() == b""


def test_an_id_of_null_is_a_call_and_is_answered(client):
    response = post(client, {"jsonrpc": "2.0", "method": "App.index", "id": None})

    assert response.json == {
        "jsonrpc": "2.0",
        "result": f"Welcome to the JSON-RPC API of {SITE_NAME}",
        "id": None,
    }


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ({"jsonrpc": "1.0", "method": "App.index", "id": 1}, 'A call says "jsonrpc": "2.0".'),
        ({"method": "App.index", "id": 1}, 'A call says "jsonrpc": "2.0".'),
        ({"jsonrpc": 2.0, "method": "App.index", "id": 1}, 'A call says "jsonrpc": "2.0".'),
        ({"jsonrpc": "2.0", "method": 1, "id": 1}, "A call names its method with a string."),
        (
            {"jsonrpc": "2.0", "method": "App.index", "params": "x", "id": 1},
            "A call's params are an array or an object.",
        ),
        (
            {"jsonrpc": "2.0", "method": "App.index", "id": {"a": 1}},
            "A call's id is a string, a number or null.",
        ),
        (
            {"jsonrpc": "2.0", "method": "App.index", "id": True},
            "A call's id is a string, a number or null.",
        ),
    ],
)
def test_an_invalid_call_is_invalid_request_with_http_200(client, call, message):
    response = post(client, call)

    assert response.status_code == 200
    assert response.json == {
        "jsonrpc": "2.0",
        "error": {"code": -32600, "message": "Invalid Request", "data": {"message": message}},
        "id": None,
    }


def test_parameters_a_method_does_not_take_are_invalid_params(client):
    response = post(client, {"jsonrpc": "2.0", "method": "App.index", "params": [1], "id": 1})
    named = post(
        client,
        {
            "jsonrpc": "2.0",
            "method": "Incomes.list",
            "params": {"limit": 1, "colour": "red"},
            "id": 2,
        },
    )

    assert response.json["error"] == {
        "code": -32602,
        "message": "Invalid params",
        "data": {"message": "Too many positional arguments."},
    }
    assert named.json["error"]["data"] == {
        "message": "Got an unexpected keyword argument 'colour'."
    }


def test_a_body_too_large_gets_413_with_a_json_rpc_error(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 100
    call = {"jsonrpc": "2.0", "method": "App.index", "params": ["x" * 200], "id": 1}

    response = post(client, call)

    assert response.status_code == 413
    assert response.json["jsonrpc"] == "2.0"
    assert response.json["id"] is None
    assert response.json["error"]["code"] == -32003
    assert response.json["error"]["message"] == "Request too large"
    assert response.json["error"]["data"] == {
        "message": "The request's body is larger than this server accepts (MAX_CONTENT_LENGTH)."
    }


def test_a_body_that_is_not_json_gets_415_with_a_json_rpc_error(client):
    response = client.post("/api/rpc", data="x=1", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert response.headers["Accept"] == "application/json"
    assert response.json == {
        "jsonrpc": "2.0",
        "error": {
            "code": -32004,
            "message": "Unsupported media type",
            "data": {"message": "Send the body as JSON, with Content-Type: application/json."},
        },
        "id": None,
    }


def test_a_write_without_a_token_gets_401_with_a_json_rpc_error(client):
    response = post(
        client, {"jsonrpc": "2.0", "method": "Incomes.add", "params": ["gift", 5], "id": 1}
    )

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="site_app API"'
    assert response.json["id"] == 1
    assert response.json["error"]["code"] == -32001
    assert response.json["error"]["message"] == "Token required"
    assert response.json["error"]["data"]["message"].startswith(
        "Writing through the API needs a token"
    )


NOTIFY_ADD = {"jsonrpc": "2.0", "method": "Incomes.add", "params": ["gift", 5]}


def test_a_notification_refused_for_a_missing_token_is_not_answered(client):
    response = post(client, NOTIFY_ADD)

    assert response.status_code == 204
    assert response.data == b""
    assert client.get("/api/incomes").json["items"] == []


def test_a_notification_sent_as_another_type_is_not_answered(client):
    response = client.post("/api/rpc", data=json.dumps(NOTIFY_ADD), content_type="text/plain")

    assert response.status_code == 204
    assert response.data == b""
    assert client.get("/api/incomes").json["items"] == []


@pytest.fixture
def one_write_an_hour(make_app):
    """A client with a token whose limit is one write an hour."""
    app = make_app(API_WRITE_LIMIT="1/hour")
    token = app.test_cli_runner().invoke(args=["api-token", "create", "w"]).stdout.strip()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def test_a_notification_past_the_write_limit_is_not_answered(one_write_an_hour):
    client = one_write_an_hour
    answers = [post(client, NOTIFY_ADD) for _ in range(2)]

    assert [(answer.status_code, answer.data) for answer in answers] == [(204, b"")] * 2
    assert len(client.get("/api/incomes").json["items"]) == 1


def test_a_batch_answers_its_read_and_refuses_only_its_write_without_a_token(client):
    batch = [
        {"jsonrpc": "2.0", "method": "App.index", "id": "read"},
        {**NOTIFY_ADD, "id": "write"},
    ]

    response = post(client, batch)

    assert response.status_code == 200
    read, write = response.json
    assert read == {
        "jsonrpc": "2.0",
        "result": f"Welcome to the JSON-RPC API of {SITE_NAME}",
        "id": "read",
    }
    assert write["id"] == "write"
    assert write["error"]["code"] == -32001
    assert client.get("/api/incomes").json["items"] == []


def test_a_write_past_the_limit_says_how_long_to_wait(one_write_an_hour):
    client = one_write_an_hour
    batch = [{**NOTIFY_ADD, "id": n} for n in range(2)]

    response = post(client, batch)
    single = post(client, {**NOTIFY_ADD, "id": 3})

    first, second = response.json
    assert response.status_code == 200
    assert "result" in first
    assert second["error"]["code"] == -32002
    assert 1 <= second["error"]["data"]["retry_after"] <= 3600
    assert single.status_code == 429
    assert single.json["id"] == 3
    assert single.json["error"]["code"] == -32002
    assert single.headers["Retry-After"] == str(single.json["error"]["data"]["retry_after"])


@pytest.mark.parametrize("limit", [True, "5", 1.0, 0])
def test_incomes_list_takes_a_json_integer_as_rest_takes_digits(client, limit):
    response = post(
        client, {"jsonrpc": "2.0", "method": "Incomes.list", "params": {"limit": limit}, "id": 1}
    )

    assert response.json["error"]["code"] == -32602
    assert response.json["error"]["data"] == {
        "field": "limit",
        "message": "limit must be a whole number from 1 to 500.",
    }


def test_no_answer_carries_a_traceback_even_in_debug_mode(app, client):
    app.debug = True
    answers = [
        post(client, {"jsonrpc": "2.0", "method": name, "params": params, "id": 1})
        for name, params in [
            ("Incomes.list", {"limit": "x" * 10_000}),
            ("Incomes.list", [None, None, None]),
            ("App.index", {"x": 1}),
        ]
    ]

    for answer in answers:
        text = answer.get_data(as_text=True)
        assert answer.status_code == 200
        assert "Traceback" not in text
        assert ".py" not in text
