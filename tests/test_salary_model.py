"""The salary model: a least-squares line, fitted from the CSV that ships in the package."""

from __future__ import annotations

import pytest

from site_app.models.salary_model import fit_salary_model


def test_the_fitted_line_goes_through_points_on_a_line():
    model = fit_salary_model("years_experience,salary\n0,10000\n1,20000\n2,30000\n")

    assert (model.slope, model.intercept, model.samples) == (10000, 10000, 3)
    assert model.predict(1.5) == 25000


def test_the_line_is_fitted_by_least_squares():
    # The best line through (0,0), (1,2), (2,1): slope 0.5, intercept 0.5.
    model = fit_salary_model("years_experience,salary\n0,0\n1,2\n2,1\n")

    assert model.slope == pytest.approx(0.5)
    assert model.intercept == pytest.approx(0.5)


def test_predictions_are_rounded_to_cents():
    model = fit_salary_model("years_experience,salary\n0,0\n3,1\n")

    assert model.predict(1) == 0.33


def test_the_shipped_model_pays_more_for_more_experience(app):
    model = app.extensions["salary_model"]

    assert model.samples == 30
    assert 5000 < model.slope < 15000
    assert 20000 < model.predict(0) < model.predict(5) < model.predict(10) < 150000
