"""Babel extraction: what pybabel's own extractors cannot see, and the tests' reading.

``extract_operation_summaries`` is named in babel.cfg. The API page lists every
operation with its summary, which spectree takes from the view's docstring. Reading the
summaries from the docstrings keeps one source for them: a new API view's summary
reaches the catalogue, and a missing translation fails tests/test_translations.py,
without anyone copying the sentence into a list.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

ROUTE_DECORATORS = {"get", "post", "put", "patch", "delete", "route"}
# What make translations passes to pybabel extract: Babel's keywords and -k lazy_gettext.
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None}


def marked_texts(package: Path, mapping: Path) -> set[str]:
    """Every text marked for translation under ``package``, read as make translations
    reads it (``mapping`` is babel.cfg)."""
    with mapping.open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(str(package), method_map, options_map, keywords=KEYWORDS)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def is_route(decorator: ast.expr) -> bool:
    """``@bp.get(...)`` and its kind."""
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in ROUTE_DECORATORS
    )


def extract_operation_summaries(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield each view's docstring (its operation's summary), as Babel's extractors do."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(map(is_route, node.decorator_list)):
            summary = ast.get_docstring(node)
            if summary:
                yield node.lineno, "gettext", summary, ["The API page's list of operations."]
