"""The base of the site's HTML forms.

Flask-WTF's form binds to the request's form data and shows WTForms' own messages in the
page's language. Its CSRF token is turned off: cross_origin.py refuses a form sent from
another site before any view runs, so a form page holds nothing per visitor.

A form reads its fields from a form's own encodings only, as text. Left to itself,
Flask-WTF also reads a JSON body into the form and hands a multipart body's file parts
to the fields, and WTForms fails with a 500 on a JSON array or string, or on a value
that is no text (a number, a file). So a body of another type gets a 415 that says what
to send, and a file part, which is no field of these forms, is not read.
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask_wtf import FlaskForm
from flask_wtf.form import SUBMIT_METHODS
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import UnsupportedMediaType

from site_app.i18n.translation import N_
from site_app.web.errors import SaysWhy

# What a browser sends a form as (HTML's form submission; the forms here hold no file).
FORM_ENCODINGS = ("application/x-www-form-urlencoded", "multipart/form-data")
# RFC 9110, 15.5.16: Accept in a 415 names the types that would have been taken.
ACCEPT_FORMS = ("Accept", ", ".join(FORM_ENCODINGS))


class NotAForm(SaysWhy, UnsupportedMediaType):
    """A body sent to a form page in a type no browser sends a form in (JSON, say)."""

    title = N_("Not a form")
    description = N_(
        "This page takes a form as a browser sends it (application/x-www-form-urlencoded "
        "or multipart/form-data). The JSON API is described on the API page."
    )

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        return [*super().get_headers(*args, **kwargs), ACCEPT_FORMS]


def submitted_fields() -> ImmutableMultiDict[str, str] | None:
    """The text fields of a submitted form; None when the request submits nothing."""
    if request.method not in SUBMIT_METHODS:
        return None
    # No Content-Type at all (an empty POST) reads as a form with no fields.
    if request.mimetype and request.mimetype not in FORM_ENCODINGS:
        raise NotAForm()
    return request.form


class SiteForm(FlaskForm):
    class Meta:
        csrf = False

    def __init__(self, **kwargs: Any) -> None:
        # Fields given outright (``formdata=...``, as WTForms takes them) are used as given.
        if "formdata" not in kwargs:
            kwargs["formdata"] = submitted_fields()
        super().__init__(**kwargs)
