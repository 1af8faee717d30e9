"""Apresiasi pages: who sees, nominates and decides; the certificate as an A4 landscape PDF."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from culture.models import AwardPeriod, Nomination
from culture.services import awards
from organisation import demo
from organisation.models import Employee

KOMANG = demo.demo_nip(0, "2")


def list_url(unit):
    return reverse("culture_awards", args=[unit.slug])


def period_url(period):
    return reverse("culture_award_period", args=[period.unit.slug, period.pk])


def nominate_url(period):
    return reverse("culture_nominate", args=[period.unit.slug, period.pk])


def proposed(period, by):
    return awards.nominate(
        actor=by, period=period, kind="employee", employee=Employee.objects.get(nip=KOMANG),
        title="Pegawai paling kolaboratif", reason="Membantu tiga pokja.",
    )  # fmt: skip


def test_anonymous_visitors_are_sent_to_sign_in(client, period):
    for url in [list_url(period.unit), period_url(period)]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_outsider_gets_404_everywhere(client, period, outsider, anggota_user):
    nomination = proposed(period, anggota_user)
    client.force_login(outsider)
    assert client.get(list_url(period.unit)).status_code == 404
    assert client.get(period_url(period)).status_code == 404
    assert client.post(nominate_url(period), {"kind": "pokja", "title": "x", "reason": "y"}).status_code == 404
    decide = reverse("culture_decide", args=[period.unit.slug, nomination.pk])
    assert client.post(decide, {"decision": "award"}).status_code == 404
    assert Nomination.objects.get(pk=nomination.pk).status == "proposed"


def test_an_anggota_sees_suggestions_with_their_facts_and_nominates(client, period, anggota_user, core_values):
    client.force_login(anggota_user)
    page = client.get(period_url(period) + f"?suggestion=employee:{KOMANG}")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-subject="employee:{KOMANG}"' in html
    assert "PAK, PDI, PLT" in html  # the fact behind the suggestion
    form = page.context["form"]
    assert form.initial["employee"].nip == KOMANG and form.initial["suggestion"] == f"employee:{KOMANG}"

    response = client.post(
        nominate_url(period),
        {
            "kind": "employee",
            "employee": Employee.objects.get(nip=KOMANG).pk,
            "title": "Pegawai paling kolaboratif",
            "reason": "Aktif di tiga pokja.",
            "values": [core_values["kolaboratif"].pk],
            "suggestion": f"employee:{KOMANG}",
        },
    )

    assert response.status_code == 302
    nomination = Nomination.objects.get(period=period)
    assert nomination.nominated_by == anggota_user and nomination.employee.nip == KOMANG
    assert any(f["numbers"].get("codes") == "PAK, PDI, PLT" for f in nomination.facts)


def test_a_nomination_without_its_nominee_is_shown_again_with_an_error(client, period, anggota_user):
    client.force_login(anggota_user)
    response = client.post(nominate_url(period), {"kind": "stakeholder", "title": "Kooperatif", "reason": "Cepat"})
    assert response.status_code == 400
    assert "stakeholder" in response.context["form"].errors
    assert not Nomination.objects.exists()


def test_an_anggota_cannot_decide(client, period, anggota_user, admin_user):
    nomination = proposed(period, admin_user)
    client.force_login(anggota_user)
    response = client.post(reverse("culture_decide", args=[period.unit.slug, nomination.pk]), {"decision": "award"})
    assert response.status_code == 403
    assert Nomination.objects.get(pk=nomination.pk).status == "proposed"


def test_the_head_awards_and_the_award_shows_on_the_persons_page(client, period, anggota_user, head_user):
    nomination = proposed(period, anggota_user)
    client.force_login(head_user)
    response = client.post(
        reverse("culture_decide", args=[period.unit.slug, nomination.pk]), {"decision": "award", "note": "Selamat"}
    )
    assert response.status_code == 302
    assert Nomination.objects.get(pk=nomination.pk).status == "awarded"
    person = client.get(reverse("culture_person", args=[period.unit.slug, KOMANG]))
    assert f'data-nomination="{nomination.pk}"' in person.content.decode()


def test_only_managers_open_periods(client, demo_unit, anggota_user, head_user):
    data = {"name": "Triwulan II 2024", "start": "2024-04-01", "end": "2024-06-30"}
    client.force_login(anggota_user)
    assert client.post(list_url(demo_unit), data).status_code == 403
    client.force_login(head_user)
    response = client.post(list_url(demo_unit), data)
    period = AwardPeriod.objects.get(unit=demo_unit)
    assert response["Location"] == period_url(period)


def test_the_period_list_takes_a_fixed_number_of_queries(client, demo_unit, anggota_user, head_user):
    for quarter in range(1, 5):
        period = AwardPeriod.objects.create(
            unit=demo_unit, name=f"Triwulan {quarter}", start=f"2024-0{quarter}-01", end=f"2024-0{quarter}-28"
        )
        proposed(period, anggota_user)
    client.force_login(head_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(list_url(demo_unit))
    assert response.status_code == 200 and len(response.context["periods"]) == 4
    # session, user, unit (+agency, head), the head's employee (can_manage), the periods with their counts
    assert len(queries) == 5


def awarded(period, by, head):
    nomination = proposed(period, by)
    return awards.decide(actor=head, nomination=nomination, award=True)


def test_the_certificate_is_an_a4_landscape_pdf_naming_the_nominee(
    client, period, anggota_user, head_user, core_values
):
    nomination = awarded(period, anggota_user, head_user)
    nomination.values.set([core_values["kolaboratif"], core_values["harmonis"]])
    client.force_login(anggota_user)
    response = client.get(reverse("culture_certificate", args=[period.unit.slug, nomination.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert len(reader.pages) == 1
    assert width == pytest.approx(841.89, abs=1) and height == pytest.approx(595.28, abs=1)
    text = page.extract_text()
    assert "Komang Ayu Larasati" in text and "Pegawai paling kolaboratif" in text
    assert nomination.certificate_number in text
    assert demo.HEAD[0].split(",")[0] in text  # the head signs
    assert "Kolaboratif" in text and "Triwulan I 2024" in text


def test_there_is_no_certificate_before_the_award(client, period, anggota_user):
    nomination = proposed(period, anggota_user)
    client.force_login(anggota_user)
    assert client.get(reverse("culture_certificate", args=[period.unit.slug, nomination.pk])).status_code == 404


def test_the_period_page_does_not_grow_with_its_nominations(client, period, anggota_user, admin_user, head_user):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(period_url(period))
        assert response.status_code == 200
        return len(queries), len(response.context["nominations"])

    proposed(period, anggota_user)
    client.force_login(head_user)
    one = count_queries()
    for title in ["Kedua", "Ketiga", "Keempat"]:
        awards.nominate(
            actor=admin_user, period=period, kind="stakeholder", stakeholder_name=f"BKPSDM {title}", title=title,
            reason="Kooperatif",
        )  # fmt: skip
    four = count_queries()
    # The nominations with nominees and people in one query, their values in one more, whatever their number;
    # the rest are the fixed reads of the facts behind the suggestions.
    assert (one[1], four[1]) == (1, 4)
    assert one[0] == four[0]
