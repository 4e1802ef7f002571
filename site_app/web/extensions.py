"""Flask extensions: created once here, bound to each app by the factory.

CSRFProtect checks a token on every POST, PUT, PATCH and DELETE the site receives.
"""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()


def register_extensions(app: Flask) -> None:
    csrf.init_app(app)
