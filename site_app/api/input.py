"""Reading the API's JSON request bodies: every problem is a 4xx, never a 500.

Bodies that are not JSON, JSON that is not an object, and JSON nested too deeply are
refused here; the fields are checked by site_app/models/fields.py.
"""

from __future__ import annotations

from typing import Any

from flask import json, request

from site_app.api.json_provider import NestedTooDeeply
from site_app.models.fields import InvalidInput


def json_object() -> dict[str, Any]:
    if not request.is_json:
        raise InvalidInput(415, "Send the body as JSON, with Content-Type: application/json.")
    try:
        # The app's JSON provider (site_app/api/json_provider.py) bounds the nesting depth.
        body = json.loads(request.get_data(cache=True))
    except NestedTooDeeply as error:
        raise InvalidInput(400, str(error)) from None
    except ValueError:  # JSONDecodeError and UnicodeDecodeError alike
        raise InvalidInput(400, "The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise InvalidInput(400, "The body must be a JSON object.")
    return body
