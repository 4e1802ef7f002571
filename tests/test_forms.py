"""The site's form base (site_app/web/forms.py), as a new section's view would use it."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from site_app.blueprints.predict import PredictionForm
from site_app.web.forms import NotAForm


def test_a_form_reads_a_browser_form_body(app):
    with app.test_request_context("/predict", method="POST", data={"years_experience": "4"}):
        form = PredictionForm()

        assert form.validate()
        assert form.years_experience.data == 4.0


def test_a_form_refuses_a_json_body(app):
    with (
        app.test_request_context("/predict", method="POST", json={"years_experience": 4}),
        pytest.raises(NotAForm),
    ):
        PredictionForm()


def test_fields_given_outright_are_read_instead_of_the_body(app):
    with app.test_request_context("/predict", method="POST", json=[1]):
        given = PredictionForm(formdata=MultiDict({"years_experience": "2.5"}))
        unbound = PredictionForm(formdata=None)

        assert given.validate()
        assert given.years_experience.data == 2.5
        assert unbound.years_experience.data is None
        assert unbound.errors == {}
