"""URL converters that read only what they mean.

Werkzeug's ``int`` converter matches ``\\d+``, which in Python is any Unicode digit:
``/api/incomes/\uff11`` (a full-width one) found income 1, so one item had many addresses.
Here ``<int:…>`` accepts the ASCII digits 0-9 only; anything else is a 404.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter


class AsciiIntegerConverter(IntegerConverter):
    regex = r"[0-9]+"


def register_url_converters(app: Flask) -> None:
    # Before any route is added: a rule takes its converter when it is added.
    app.url_map.converters["int"] = AsciiIntegerConverter
