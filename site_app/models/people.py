"""Invented sample people and their cars, shipped with the package (data/people.json):
no real person's details."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def sample_people() -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = json.loads(
        files("site_app.models").joinpath("data/people.json").read_text("utf-8")
    )
    return people
