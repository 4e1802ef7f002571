"""The texts in templates, translated while each template compiles.

A catalogue never changes under a running process (translation.py), and each template is
compiled once per language (template_languages.py), so a text written into a template
has one translation in each compiled template. Looking it up on every render was the
largest part of rendering a page: a dozen ``_()`` calls, each three template function
calls and a catalogue lookup, cost a third of rendering a new /hello/<name> page (make
bench's in-process probe). Here they are constants of the compiled template:

* ``_("text")`` becomes the translated text, marked safe as Jinja's newstyle gettext
  marks it;
* ``{% trans %}...{% endtrans %}`` becomes the translated text, its ``%(name)s`` filled
  with escaped values as the page renders, as newstyle gettext fills them: written as
  template text with ``{{ value }}`` between (``Markup % values`` cost 2-5 µs a block).

What cannot be known before a page renders is translated then, by the same rules
(``template_gettext``): ``_(a_variable)``, ``_("text", name=value)``,
``{% pluralize %}`` and templates made from a string, which carry no language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from flask import Flask
from jinja2 import nodes, pass_eval_context
from jinja2.ext import InternationalizationExtension
from jinja2.lexer import Token, TokenStream
from jinja2.nodes import EvalContext
from jinja2.parser import Parser
from markupsafe import Markup

from site_app.web.template_languages import language_of
from site_app.web.translation import catalogue, catalogue_of

# Jinja's names for a text to translate, in a template.
GETTEXT_NAMES = frozenset({"_", "gettext"})
# What newstyle gettext formats in a text: a value's place, and "%%" for "%".
PLACE_OR_PERCENT = re.compile(r"%\((\w+)\)s|%%")


def register_template_texts(app: Flask) -> None:
    """Translate the templates' texts, most of them as the templates compile."""
    app.jinja_env.add_extension(TextsTranslatedAtCompileTime)
    # {% trans %} blocks are written across lines; the catalogue holds them on one.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    # What is left to translate as a page renders, as newstyle gettext does it.
    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]
    app.jinja_env.globals.update(
        _=template_gettext, gettext=template_gettext, ngettext=template_ngettext
    )


class TextsTranslatedAtCompileTime(InternationalizationExtension):
    """Jinja's i18n extension, with the texts it can translate translated while the
    template compiles (for templates compiled for a language)."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        """``_("text")`` → ``("translated"|safe)``: a constant Jinja folds into the page."""
        language = language_of(stream.name)
        if language is None:
            return stream
        return self.fold_texts(list(stream), language)

    def fold_texts(self, tokens: list[Token], language: str) -> Iterator[Token]:
        index = 0
        while index < len(tokens):
            if is_a_text(tokens, index):
                name, _, text, _ = tokens[index : index + 4]
                translated = self.translate(language, text.value, formatted=True)
                yield Token(name.lineno, "lparen", "(")
                yield Token(name.lineno, "string", translated)
                yield Token(name.lineno, "pipe", "|")
                yield Token(name.lineno, "name", "safe")
                yield Token(name.lineno, "rparen", ")")
                index += 4
            else:
                yield tokens[index]
                index += 1

    def parse(self, parser: Parser) -> nodes.Node | list[nodes.Node]:
        """``{% trans %}``: Jinja's parsing, then the gettext call it makes folded."""
        parsed = super().parse(parser)
        language = language_of(parser.name)
        if language is not None:
            for output in parsed if isinstance(parsed, list) else [parsed]:
                if isinstance(output, nodes.Output):
                    output.nodes = [
                        folded
                        for child in output.nodes
                        for folded in self.fold_call(child, language)
                    ]
        return parsed

    def fold_call(self, node: nodes.Expr, language: str) -> list[nodes.Expr]:
        """``gettext("text", name=value)`` → ``"translated "``, ``value``, ``"..."``: the
        translation as template text with the values output between its pieces, or
        ``Markup("translated") % {"name": value}`` where that cannot be done."""
        if not (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Name)
            and node.node.name == "gettext"
            and len(node.args) == 1
            and isinstance(node.args[0], nodes.Const)
            and node.dyn_args is None
            and node.dyn_kwargs is None
        ):
            return [node]  # {% pluralize %}: the count picks the text when the page renders
        message = node.args[0].value
        translated = self.translate(language, message, formatted=not node.kwargs)
        text = nodes.MarkSafeIfAutoescape(nodes.Const(translated), lineno=node.lineno)
        if not node.kwargs:
            return [text]
        values = {keyword.key: keyword.value for keyword in node.kwargs}
        pieces = pieces_of(translated, values, node.lineno)
        if pieces is not None:
            return pieces
        pairs = [nodes.Pair(nodes.Const(name), value) for name, value in values.items()]
        return [nodes.Mod(text, nodes.Dict(pairs), lineno=node.lineno)]

    def translate(self, language: str, message: str, *, formatted: bool) -> str:
        """``message`` from ``language``'s catalogue; ``formatted`` with no values, as
        newstyle gettext formats every text (``%%`` is "%")."""
        app = self.environment.app  # type: ignore[attr-defined]
        with app.app_context():
            text: str = catalogue_of(language).ugettext(message)
        return text % {} if formatted and "%" in text else text


def pieces_of(text: str, values: dict[str, nodes.Expr], lineno: int) -> list[nodes.Expr] | None:
    """``text`` as template text, each ``%(name)s`` its value output as ``{{ value }}``
    is; ``%%`` is "%". None where that would differ from ``text % values``: a place with
    no value, any other ``%`` (left to fail as the page renders, as Jinja does), or a
    value used twice (its expression would run twice)."""
    if "%" in PLACE_OR_PERCENT.sub("", text):
        return None
    pieces: list[nodes.Expr] = []
    literal, used, position = "", set(), 0
    for match in PLACE_OR_PERCENT.finditer(text):
        literal += text[position : match.start()]
        position = match.end()
        name = match.group(1)
        if name is None:  # "%%"
            literal += "%"
            continue
        if name not in values or name in used:
            return None
        used.add(name)
        if literal:
            pieces.append(nodes.TemplateData(literal, lineno=lineno))
        pieces.append(values[name])
        literal = ""
    literal += text[position:]
    if literal:
        pieces.append(nodes.TemplateData(literal, lineno=lineno))
    return pieces


def is_a_text(tokens: Sequence[Token], index: int) -> bool:
    """Whether ``tokens[index:]`` starts with ``_("text")`` (not ``x._(...)``)."""
    call = tokens[index : index + 4]
    kinds = ("name", "lparen", "string", "rparen")
    return (
        len(call) == 4
        and call[0].value in GETTEXT_NAMES
        and all(token.type == kind for token, kind in zip(call, kinds, strict=True))
        and (index == 0 or tokens[index - 1].type != "dot")
    )


@pass_eval_context
def template_gettext(eval_context: EvalContext, message: str, /, **values: Any) -> str:
    """``_()`` and ``{% trans %}`` in templates, as Jinja's newstyle gettext: the
    translation is trusted markup, its ``%(name)s`` filled with escaped ``values``.

    Jinja's own version wraps the function it is given in two more template calls
    (the ``_`` alias, then the function inside): this is one.
    """
    return formatted(eval_context, catalogue().ugettext(message), values)


@pass_eval_context
def template_ngettext(
    eval_context: EvalContext, singular: str, plural: str, count: int, /, **values: Any
) -> str:
    """``{% trans count=... %}...{% pluralize %}``: as ``template_gettext``."""
    values.setdefault("num", count)
    return formatted(eval_context, catalogue().ungettext(singular, plural, count), values)


def formatted(eval_context: EvalContext, text: str, values: dict[str, Any]) -> str:
    """``text % values`` as Jinja's newstyle gettext does it, ``%%`` included."""
    if eval_context.autoescape:
        text = Markup(text)  # noqa: S704 (the site's own catalogue, as Jinja treats it)
    # Formatting a text without "%" leaves it as it is: skip the work.
    return text % values if values or "%" in text else text
