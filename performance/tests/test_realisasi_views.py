"""The realisasi page and its steps over HTTP: who may report, submit, return and accept (anonymous, another
agency, an anggota of another pokja, a member, the ketua, the unit head), and the whole review flow."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from performance.models import Realisasi
from performance.tests.factories import RealisasiFactory
from performance.tests.fixtures_agreements import *  # noqa: F403

PERSONAS = ["anonymous", "outsider", "other_anggota", "member", "ketua", "head"]


@pytest.fixture
def as_persona(outsider, anggota_user, member_user, ketua_user, head_user):
    users = {
        "anonymous": None,
        "outsider": outsider,
        "other_anggota": anggota_user,  # anggota of PIA and PDK, not of PAK
        "member": member_user,
        "ketua": ketua_user,
        "head": head_user,
    }

    def client_for(persona: str) -> Client:
        client = Client()
        client.cookies["django_language"] = "en"
        if users[persona]:
            client.force_login(users[persona])
        return client

    return client_for


def step_url(step: str, period: int = 4) -> str:
    name = "realisasi_period" if step == "report" else f"realisasi_{step}"
    return reverse(name, args=["inka", 2023, "IKU.7.2", period])


def expected(persona: str, allowed: set[str]) -> int:
    if persona == "anonymous":
        return 302  # to the sign-in page
    if persona == "outsider":
        return 404
    return 302 if persona in allowed else 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_report(as_persona, iku_72, persona):
    response = as_persona(persona).post(step_url("report"), {"value": "14000", "note": "TW4"})
    assert response.status_code == expected(persona, {"member", "ketua"})
    reported = Realisasi.objects.filter(indicator=iku_72, period=4).exists()
    assert reported == (persona in {"member", "ketua"})
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("step", "start", "end", "allowed"),
    [
        ("submit", "draft", "submitted", {"ketua"}),
        ("return", "submitted", "returned", {"head"}),
        ("accept", "submitted", "accepted", {"head"}),
    ],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_take_each_step(as_persona, iku_72, persona, step, start, end, allowed):
    realisasi = RealisasiFactory(indicator=iku_72, period=4, value=Decimal(14000), status=start)
    response = as_persona(persona).post(step_url(step), {"comment": "Lengkapi bukti."})
    assert response.status_code == expected(persona, allowed)
    realisasi.refresh_from_db()
    assert realisasi.status == (end if persona in allowed else start)


def test_the_flow_through_the_pages(as_persona, iku_72):
    member, ketua, head = as_persona("member"), as_persona("ketua"), as_persona("head")
    member.post(step_url("report"), {"value": "13000", "note": "TW4"})
    page = ketua.get(step_url("report")).content.decode()
    assert 'id="submit-realisasi"' in page
    ketua.post(step_url("submit"))
    page = head.get(step_url("report")).content.decode()
    assert 'id="accept-realisasi"' in page and 'id="return-realisasi"' in page
    head.post(step_url("return"), {"comment": "Jumlah belum sesuai BA."})
    page = member.get(step_url("report")).content.decode()
    assert "Jumlah belum sesuai BA." in page and 'id="report-form"' in page
    member.post(step_url("report"), {"value": "14000", "note": "TW4, sesuai BA"})
    ketua.post(step_url("submit"))
    head.post(step_url("accept"))
    realisasi = Realisasi.objects.get(indicator=iku_72, period=4)
    assert (realisasi.status, realisasi.value) == ("accepted", Decimal(14000))
    page = member.get(step_url("report")).content.decode()
    assert 'id="report-form"' not in page  # an accepted realisasi is closed


def test_accepting_a_draft_is_refused_with_a_message(as_persona, iku_72):
    RealisasiFactory(indicator=iku_72, period=4, status="draft")
    response = as_persona("head").post(step_url("accept"))
    assert response.status_code == 302
    assert Realisasi.objects.get(indicator=iku_72, period=4).status == "draft"
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["Only a submitted realisasi can be accepted; this one is draft."]


def test_a_return_without_a_comment_is_refused(as_persona, iku_72):
    RealisasiFactory(indicator=iku_72, period=4, status="submitted")
    response = as_persona("head").post(step_url("return"), {"comment": ""})
    assert Realisasi.objects.get(indicator=iku_72, period=4).status == "submitted"
    assert "Say what has to be fixed" in str(list(get_messages(response.wsgi_request))[0])


def test_a_step_on_a_period_without_realisasi_is_404(as_persona, iku_72):
    assert as_persona("ketua").post(step_url("submit")).status_code == 404
    assert as_persona("member").get(step_url("report", period=5)).status_code == 404


def test_the_page_shows_the_form_only_to_members(as_persona, iku_72):
    assert 'id="report-form"' in as_persona("member").get(step_url("report")).content.decode()
    head_page = as_persona("head").get(step_url("report"))
    assert head_page.status_code == 200 and 'id="report-form"' not in head_page.content.decode()
    assert as_persona("outsider").get(step_url("report")).status_code == 404
