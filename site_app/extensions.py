"""Flask extensions: created once here, bound to each app by the factory.

CSRFProtect checks a token on every POST, PUT, PATCH and DELETE the site receives.
The Limiter limits nothing by default; a view asks for its own limits.
"""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
# Keyed by the client's address: behind proxies, PROXY_COUNT makes that the real one.
limiter = Limiter(key_func=get_remote_address)


def register_extensions(app: Flask) -> None:
    csrf.init_app(app)
    limiter.init_app(app)
