"""The API's bodies as pydantic models: the one source of the checks and the document.

spectree validates requests against these models and writes the OpenAPI document
from them (openapi.py), so what the server accepts and what the document says cannot
drift apart. Limits come from the modules that own them.

Input models are strict: a number must be a JSON number (not "5", not true), text must
be a string, and any field not listed is refused. ``Says`` gives each input field the
words a client reads when it is wrong (validation.py turns pydantic's errors into them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from site_app.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from site_app.models.database import MAX_ID
from site_app.models.fields import TEXT_PATTERN, text_problem
from site_app.models.incomes import MAX_AMOUNT
from site_app.models.salary_model import MAX_YEARS_EXPERIENCE
from site_app.models.tables import MAX_DESCRIPTION_LENGTH


@dataclass(frozen=True)
class Says:
    """What a client is told when a field is missing or of the wrong type, and when it
    is out of range."""

    wrong: str
    out_of_range: str | None = None


def one_visible_line(value: str) -> str:
    """Text a reader can see, on one line (see fields.text_problem), without its outer
    spaces; the length was checked as sent."""
    if not value.strip():
        raise PydanticCustomError("blank", "blank")
    if problem := text_problem(value):
        raise PydanticCustomError("text_problem", "{problem}", {"problem": problem})
    return value.strip()


def as_stored(value: float) -> float:
    # -0.0 is stored and answered as 0.0.
    return value + 0.0


def ascii_digits(value: object) -> object:
    """Query values are ASCII digits only: no sign, spaces, underscores or full-width
    digits, which int() would take."""
    if isinstance(value, str) and not (value.isascii() and value.isdigit() and len(value) <= 10):
        raise PydanticCustomError("not_digits", "not digits")
    return value


Description = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_DESCRIPTION_LENGTH,
        # The same rule as one_visible_line, as a regex clients can check with.
        json_schema_extra={"pattern": TEXT_PATTERN},
        description="One visible line; stored without leading and trailing spaces.",
    ),
    AfterValidator(one_visible_line),
    Says("must be a non-empty string."),
]
Amount = Annotated[
    float,
    Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False),
    AfterValidator(as_stored),
    Says("must be a number.", f"must be a finite number from 0 to {MAX_AMOUNT:g}."),
]
YearsOfExperience = Annotated[
    float,
    Field(ge=0, le=MAX_YEARS_EXPERIENCE, allow_inf_nan=False),
    AfterValidator(as_stored),
    Says("must be a number.", f"must be a finite number from 0 to {MAX_YEARS_EXPERIENCE:g}."),
]
Limit = Annotated[
    int,
    Field(ge=1, le=MAX_LIMIT, description="How many items the page holds."),
    BeforeValidator(ascii_digits),
    Says(f"must be a whole number from 1 to {MAX_LIMIT}."),
]
After = Annotated[
    int,
    Field(ge=0, le=MAX_ID, description="Start after this id: the next_after of a page."),
    BeforeValidator(ascii_digits),
    Says(f"must be a whole number from 0 to {MAX_ID}."),
]


class Input(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class NewIncome(Input):
    description: Description
    amount: Amount


class PredictionInput(Input):
    years_experience: YearsOfExperience


class PageQuery(BaseModel):
    """?limit= and ?after= (see paging.py)."""

    limit: Limit = DEFAULT_LIMIT
    after: After = 0


class Income(BaseModel):
    id: int
    description: str
    amount: float


class Prediction(BaseModel):
    id: int
    years_experience: float
    salary: float = Field(description="Predicted yearly salary.")


class Page(BaseModel):
    next_after: int | None = Field(
        description="The next page's cursor (its after=); null on the last page."
    )


class IncomePage(Page):
    items: list[Income] = Field(max_length=MAX_LIMIT)


class PredictionPage(Page):
    items: list[Prediction] = Field(max_length=MAX_LIMIT)


class Car(BaseModel):
    make: str
    model: str


class Person(BaseModel):
    first_name: str
    last_name: str
    residence: str
    cars: list[Car]


class Error(BaseModel):
    """Every error the API answers."""

    error: str
    message: str
    status: int
    field: str | None = Field(None, description="The input field that is wrong, if one is.")
