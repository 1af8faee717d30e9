"""The IKM page: the unit's score, grade and NRR per element, filtered by period, pokja and service."""

import datetime

import pytest
from django.urls import reverse

from helpdesk.models import Survey

URL = reverse("helpdesk_ikm", args=["inka"])


def answer(unit, date, scores, **fields):
    return Survey.objects.create(
        unit=unit, date=date, source="import", **{f"u{i}": s for i, s in enumerate(scores, start=1)}, **fields
    )


@pytest.fixture
def answers(demo_unit, siasn, arsip):
    answer(demo_unit, datetime.date(2025, 3, 1), [4] * 9, pokja=siasn.pokja, category=siasn)
    answer(demo_unit, datetime.date(2025, 3, 2), [3] * 9, pokja=siasn.pokja, category=siasn)
    answer(demo_unit, datetime.date(2025, 4, 1), [2] * 9, pokja=arsip.pokja, category=arsip)


def summary(response):
    return response.context["report"]


def test_it_shows_the_score_and_grade_for_the_period(client, anggota_user, answers):
    client.force_login(anggota_user)
    response = client.get(URL, {"start": "2025-01-01", "end": "2025-12-31"})
    report = summary(response)
    assert report.respondents == 3
    assert str(report.result.score_display) == "75.00" and report.result.grade == "C"
    page = response.content.decode()
    assert 'data-score="75.00"' in page and 'data-grade="C"' in page
    assert page.count("data-element=") == 9


@pytest.mark.parametrize(
    ("params", "respondents", "score"),
    [
        ({"pokja": "PIA"}, 2, "87.50"),
        ({"category": "permintaan-arsip"}, 1, "50.00"),
        ({"start": "2025-03-02", "end": "2025-03-31"}, 1, "75.00"),
    ],
)
def test_it_filters_by_pokja_service_and_period(client, anggota_user, answers, params, respondents, score):
    client.force_login(anggota_user)
    report = summary(client.get(URL, {"start": "2025-01-01", "end": "2025-12-31", **params}))
    assert report.respondents == respondents and str(report.result.score_display) == score


def test_a_period_without_answers_says_so(client, anggota_user, answers):
    client.force_login(anggota_user)
    response = client.get(URL, {"start": "2024-01-01", "end": "2024-12-31"})
    assert summary(response).result is None and 'id="ikm-empty"' in response.content.decode()


def test_it_needs_sign_in_and_hides_other_agencies(client, outsider, answers):
    assert client.get(URL).status_code == 302
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
