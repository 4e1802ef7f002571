"""Reading the API's JSON request bodies: every problem is a 4xx, never a 500.

Bodies that are not JSON, JSON that is not an object, and JSON nested too deeply are
refused here; the fields are checked by site_app/models/fields.py.
"""

from __future__ import annotations

from typing import Any

from flask import g, json, request

from site_app.api.json_provider import NestedTooDeeply
from site_app.models.fields import InvalidInput

NOT_JSON = "The body is not valid JSON."
# A body of another type: what REST and JSON-RPC alike answer, with the header that names
# the type they take (RFC 9110, 15.5.16).
SEND_JSON = "Send the body as JSON, with Content-Type: application/json."
ACCEPT_JSON = ("Accept", "application/json")


def parsed_body() -> Any:
    """The request's body as JSON, parsed once per request (the token check and the
    view of a JSON-RPC call both read it); InvalidInput (400) when it is not JSON."""
    if "parsed_body" not in g:
        try:
            # The app's JSON provider (api/json_provider.py) bounds the nesting depth.
            g.parsed_body = (json.loads(request.get_data(cache=True)), None)
        except NestedTooDeeply as error:
            g.parsed_body = (None, str(error))
        except ValueError:  # JSONDecodeError and UnicodeDecodeError alike
            g.parsed_body = (None, NOT_JSON)
    body, problem = g.parsed_body
    if problem is not None:
        raise InvalidInput(400, problem)
    return body


def json_object() -> dict[str, Any]:
    if not request.is_json:
        raise InvalidInput(415, SEND_JSON)
    body = parsed_body()
    if not isinstance(body, dict):
        raise InvalidInput(400, "The body must be a JSON object.")
    return body
