"""Cross-origin reads: which other web sites' pages may fetch /api/people.

Only the origins CORS_ORIGINS lists, only GET, and never with credentials: the data is
public sample data, and no cookie of this site ever goes along (flask-cors).
"""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS


def register_cors(app: Flask) -> None:
    if origins := app.config["CORS_ORIGINS"]:
        CORS(
            app,
            resources={r"/api/people": {"origins": origins, "methods": ["GET"]}},
            supports_credentials=False,
        )
