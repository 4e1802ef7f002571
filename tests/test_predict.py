"""The Predict page: a form only this site can send, post/redirect/get, and the history."""

from __future__ import annotations

import pytest

from tests.html import heading, parse, text
from tests.languages import needs_french


@pytest.fixture
def client(writer):
    """These tests write through the API as a client with a token does
    (tests/test_api_tokens.py is about clients without one)."""
    return writer


def send(client, years: str):
    return client.post(
        "/predict", data={"years_experience": years}, headers={"Sec-Fetch-Site": "same-origin"}
    )


def history(response) -> list[list[str]]:
    table = parse(response).find("table")
    return [[text(cell) for cell in row.find_all("td")] for row in table.tbody.find_all("tr")]


def test_the_page_has_a_labelled_form_and_no_history_yet(client):
    response = client.get("/predict")
    soup = parse(response)
    field = soup.find("input", attrs={"name": "years_experience"})

    assert response.status_code == 200
    assert heading(response) == "Predict a salary"
    assert text(soup.find("label", attrs={"for": field["id"]})) == "Years of experience"
    assert (field["type"], field["min"], field["max"], field["step"]) == (
        "number",
        "0",
        "50",
        "any",
    )
    assert soup.find("form")["method"] == "post"
    assert "No predictions yet" in text(soup.find("main"))


def test_a_prediction_redirects_to_the_page_that_shows_it(app, client):
    salary = app.extensions["salary_model"].predict(2.5)

    response = send(client, "2.5")

    assert response.status_code == 303
    assert response.headers["Location"] == "/predict?made=1"
    page = client.get(response.headers["Location"])
    notice = parse(page).find(class_="notice")
    assert text(notice).startswith("Prediction 1: with 2.5 years of experience, a yearly salary")
    assert text(notice.strong) == f"{salary:,.2f}"
    assert history(page) == [["1", "2.5", f"{salary:,.2f}"]]


@pytest.mark.parametrize(
    ("sent", "years", "notice"),
    [
        # The HTML standard's floating-point numbers, exponent included.
        ("1", "1", "Prediction 1: with 1 year of experience"),
        ("1e1", "10", "Prediction 1: with 10 years of experience"),
        (".5", "0.5", "Prediction 1: with 0.5 years of experience"),
        ("1.5", "1.5", "Prediction 1: with 1.5 years of experience"),
    ],
)
def test_a_number_as_a_number_input_sends_it_and_its_plural(client, sent, years, notice):
    response = send(client, sent)

    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert text(parse(page).find(class_="notice")).startswith(notice)
    assert history(page)[0][1] == years
    assert text(parse(page).find("caption")) == "The newest prediction"


@pytest.mark.parametrize(
    ("years", "notice"),
    [
        ("1", "Prédiction 1 : avec 1 année d\u2019expérience"),
        ("1,5", "Prédiction 1 : avec 1,5 année d\u2019expérience"),
        ("2", "Prédiction 1 : avec 2 années d\u2019expérience"),
    ],
)
@needs_french
def test_french_says_une_annee_below_two(client, years, notice):
    response = client.post("/fr/predict", data={"years_experience": years})

    page = client.get(response.headers["Location"])
    assert text(parse(page).find(class_="notice")).startswith(notice)
    assert text(parse(page).find("caption")) == "La dernière prédiction"


def test_the_caption_counts_the_predictions_listed(client):
    for years in ("1", "2"):
        send(client, years)

    caption = text(parse(client.get("/predict")).find("caption"))

    assert caption == "The 2 newest predictions, newest first"


def test_the_page_and_the_api_share_the_predictions(client):
    send(client, "4")

    assert client.get("/api/past_predictions").json["items"][0]["years_experience"] == 4.0
    client.post("/api/predict", json={"years_experience": 9})
    assert [row[1] for row in history(client.get("/predict"))] == ["9", "4"]


def test_the_history_shows_the_ten_newest_first(client):
    for years in range(12):
        client.post("/api/predict", json={"years_experience": years})

    rows = history(client.get("/predict"))

    assert [row[0] for row in rows] == ["12", "11", "10", "9", "8", "7", "6", "5", "4", "3"]


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("", "Enter a number of years, such as 3 or 2.5."),
        ("three", "Enter a number of years, such as 3 or 2.5."),
        # Python's float() reads these; a browser's number input never sends them.
        ("nan", "Enter a number of years, such as 3 or 2.5."),
        ("inf", "Enter a number of years, such as 3 or 2.5."),
        ("1_0", "Enter a number of years, such as 3 or 2.5."),
        ("\u0661\u0660", "Enter a number of years, such as 3 or 2.5."),
        ("+1", "Enter a number of years, such as 3 or 2.5."),
        ("0x1", "Enter a number of years, such as 3 or 2.5."),
        ("-1", "Enter a number of years from 0 to 50."),
        ("50.01", "Enter a number of years from 0 to 50."),
    ],
)
def test_bad_years_get_422_with_the_message_at_the_field(client, years, message):
    response = send(client, years)
    soup = parse(response)
    field = soup.find("input", attrs={"name": "years_experience"})

    assert response.status_code == 422
    assert text(soup.find(id="years-error")) == message
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"] == "years-hint years-error"
    assert client.get("/api/past_predictions").json["items"] == []


def test_the_form_sent_from_another_site_is_refused(client):
    response = client.post(
        "/predict",
        data={"years_experience": "3"},
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"},
    )

    assert response.status_code == 403
    assert heading(response) == "Sent from another site"
    assert client.get("/api/past_predictions").json["items"] == []


def test_the_form_page_sets_no_cookie(client):
    assert "Set-Cookie" not in client.get("/predict").headers


@pytest.mark.parametrize("made", ["99", "abc", ""])
def test_an_unknown_made_parameter_shows_no_result(client, made):
    response = client.get(f"/predict?made={made}")

    assert response.status_code == 200
    assert parse(response).find(class_="notice") is None
