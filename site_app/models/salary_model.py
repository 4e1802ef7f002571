"""The prediction model: salary from years of experience, a straight line.

It is fitted once per process, when the app is made, from ``data/salaries.csv`` (invented
sample data that ships in the package) with the standard library's
``statistics.linear_regression``: a served model without a heavy ML dependency.
"""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass
from importlib.resources import files

from flask import Flask, current_app

TRAINING_DATA = "data/salaries.csv"

# Inputs the model answers for. The training data covers 0-11 years; a straight line
# says little beyond a working life, so the API refuses more than this.
MAX_YEARS_EXPERIENCE = 50


@dataclass(frozen=True)
class SalaryModel:
    """salary = intercept + slope * years, fitted on ``samples`` rows."""

    slope: float
    intercept: float
    samples: int

    def predict(self, years_experience: float) -> float:
        """The predicted salary, rounded to cents as it is stored and shown."""
        return round(self.intercept + self.slope * years_experience, 2)


def fit_salary_model(training_csv: str) -> SalaryModel:
    """Fit the line through the ``years_experience,salary`` rows of ``training_csv``."""
    rows = list(csv.DictReader(io.StringIO(training_csv)))
    years = [float(row["years_experience"]) for row in rows]
    salaries = [float(row["salary"]) for row in rows]
    slope, intercept = statistics.linear_regression(years, salaries)
    return SalaryModel(slope=slope, intercept=intercept, samples=len(rows))


def register_salary_model(app: Flask) -> None:
    training_csv = files("site_app.models").joinpath(TRAINING_DATA).read_text("utf-8")
    app.extensions["salary_model"] = fit_salary_model(training_csv)


def salary_model() -> SalaryModel:
    """The current app's fitted model."""
    model: SalaryModel = current_app.extensions["salary_model"]
    return model
