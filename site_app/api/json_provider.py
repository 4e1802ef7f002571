"""Flask's JSON, with a bound on how deeply a document may nest.

Python's parser recurses once per level: a 1 KB body of ``[[[[…`` reaches the
interpreter's recursion limit and would end in a 500. Every JSON body the site reads
(``request.get_json``, the API's checks, JSON-RPC) goes through this provider, which
answers such a body, and any deeper than MAX_DEPTH, with ValueError: a client error.
"""

from __future__ import annotations

from typing import Any

from flask.json.provider import DefaultJSONProvider

# Far more than any request of this site needs (a JSON-RPC batch of calls with object
# parameters is four levels deep), far less than the recursion limit.
MAX_DEPTH = 32


class NestedTooDeeply(ValueError):
    def __init__(self) -> None:
        super().__init__(f"The body is nested more than {MAX_DEPTH} levels deep.")


class BoundedJSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            document = super().loads(s, **kwargs)
        except RecursionError:
            raise NestedTooDeeply() from None
        if nested_deeper_than(document, MAX_DEPTH):
            raise NestedTooDeeply()
        return document


def nested_deeper_than(document: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` levels, looked at one level at
    a time (a check that recursed would meet the very limit it guards against)."""
    level = [document] if isinstance(document, list | dict) else []
    for _ in range(limit):
        level = [
            child
            for container in level
            for child in (container.values() if isinstance(container, dict) else container)
            if isinstance(child, list | dict)
        ]
        if not level:
            return False
    return True
