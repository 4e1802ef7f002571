"""Predict: a form that asks the salary model for a prediction, and the recent history.

It works without JavaScript. No other site can send the form (web/cross_origin.py); it
follows post/redirect/get: a reload after predicting shows the result again instead of sending
the form twice. It stores predictions through the same functions as POST /api/predict.
It needs no API token, but each address may send it PREDICT_FORM_LIMIT times.
"""

from __future__ import annotations

import re

from babel.numbers import get_decimal_symbol
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import format_decimal, get_locale
from werkzeug.wrappers import Response
from wtforms import FloatField
from wtforms.validators import InputRequired, NumberRange

from site_app.auth.rate_limits import PREDICT_FORM, count_write
from site_app.i18n.translation import lazy_gettext
from site_app.models.predictions import add_prediction, find_prediction, newest_predictions
from site_app.models.salary_model import MAX_YEARS_EXPERIENCE, salary_model
from site_app.web.forms import SiteForm

bp = Blueprint("predict", __name__)

# How many predictions the page lists, newest first (the API lists all of them).
HISTORY_LENGTH = 10


# Labels and messages are translated when a page shows them (lazy_gettext).
ENTER_A_NUMBER = lazy_gettext("Enter a number of years, such as 3 or 2.5.")


# The HTML standard's "valid floating-point number" (2.3.4.3): what a number input sends.
VALID_FLOATING_POINT_NUMBER = re.compile(r"-?(?:[0-9]+|[0-9]*\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


class NumberField(FloatField):
    """A FloatField that says what to type, not "Not a valid float value.".

    It also takes the page language's decimal comma (2,5 on a French page), which a
    browser without number inputs may send as typed.
    """

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            return
        number = valuelist[0].strip()
        if get_decimal_symbol(get_locale()) == ",":
            number = number.replace(",", ".", 1)
        # Python's float() also takes "1_0", "inf" and other scripts' digits: only what
        # the HTML standard lets a number input send is a number here.
        if not VALID_FLOATING_POINT_NUMBER.fullmatch(number):
            self.data = None
            raise ValueError(ENTER_A_NUMBER)
        self.data = float(number)


class PredictionForm(SiteForm):
    years_experience = NumberField(
        lazy_gettext("Years of experience"),
        validators=[
            InputRequired(ENTER_A_NUMBER),
            NumberRange(
                0,
                MAX_YEARS_EXPERIENCE,
                lazy_gettext(
                    "Enter a number of years from 0 to %(max)d.", max=MAX_YEARS_EXPERIENCE
                ),
            ),
        ],
    )


@bp.app_template_filter("money")
def money(amount: float) -> str:
    """A salary in the page's language: 12,345.60 in English, 12 345,60 in French."""
    return format_decimal(amount, format="#,##0.00")


@bp.app_template_filter("years")
def years(number: float) -> str:
    """Years of experience as typed: 3, 2.5 (2,5 in French)."""
    return format_decimal(number)


@bp.app_template_filter("plural_count")
def plural_count(number: float) -> int:
    """The whole number gettext's plural forms choose by, for a number of years.

    Their formulas take whole numbers only, so a decimal's form comes from CLDR's rules
    (Babel's ``plural_form``): 1 where the page's language says "one", 2 where it says
    "other". English writes 1.5 years, French 1,5 année; both languages have only those
    two forms.
    """
    return 1 if get_locale().plural_form(number) == "one" else 2


@bp.route("/predict", methods=["GET", "POST"])
def index() -> Response | tuple[str, int]:
    form = PredictionForm()
    years = form.years_experience.data
    if form.validate_on_submit() and years is not None:
        # Behind a trusted proxy (TRUSTED_PROXIES), the client's real address.
        count_write("PREDICT_FORM_LIMIT", PREDICT_FORM, request.remote_addr or "unknown")
        prediction = add_prediction(years)
        # 303: the browser follows with a GET, so reloading the result sends nothing again.
        return redirect(url_for("predict.index", made=prediction["id"]), 303)
    made = request.args.get("made", type=int)
    page = render_template(
        "predict/index.html",
        form=form,
        made=find_prediction(made) if made is not None else None,
        history=newest_predictions(HISTORY_LENGTH),
        model=salary_model(),
        max_years=MAX_YEARS_EXPERIENCE,
    )
    return page, 422 if form.errors else 200
