"""Cross-origin reads: which other web sites' pages may fetch /api/people.

Only the origins CORS_ORIGINS lists, only GET, and never with credentials: the data is
public sample data, and no cookie of this site ever goes along (flask-cors). The origins
were written as browsers send them when the settings were read, so a configured
``https://x.example:443`` matches the ``https://x.example`` a browser sends.
"""

from __future__ import annotations

from flask import Flask, request
from flask_cors import CORS
from werkzeug.wrappers import Response

SHARED_PATH = "/api/people"


def register_cors(app: Flask) -> None:
    if origins := app.config["CORS_ORIGINS"]:
        CORS(
            app,
            resources={SHARED_PATH: {"origins": origins, "methods": ["GET"]}},
            supports_credentials=False,
            # Access-Control-Allow-Origin only in answer to an Origin that may read.
            always_send=False,
        )
        app.after_request(vary_on_origin)


def vary_on_origin(response: Response) -> Response:
    """Say the answer depends on Origin (the Fetch standard's advice, section 3.2.5), so
    no cache hands one origin's answer, or its lack of CORS headers, to another.
    flask-cors adds it only when more than one origin is listed."""
    if request.path == SHARED_PATH:
        response.vary.add("Origin")
    return response
