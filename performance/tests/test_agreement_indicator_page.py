"""The indicator page: period targets, realisasi per period with status and capaian, evidence, activities,
review comments and the change history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from performance.models import Realisasi
from performance.services import realisasi as service
from performance.tests.fixtures_agreements import *  # noqa: F403


@pytest.fixture
def page(client, anggota_user):
    client.cookies["django_language"] = "en"
    client.force_login(anggota_user)
    return lambda code, year=2023: client.get(reverse("indicator_detail", args=["inka", year, code]))


def test_it_shows_every_period_with_target_realisasi_and_status(page, pk2023):
    response = page("IKU.7.2")
    assert response.status_code == 200
    rows = {cell.period: (cell.target, report) for cell, _label, report in response.context["periods"]}
    assert [rows[p][0] for p in (1, 2, 3, 4)] == [Decimal(14000)] * 4
    assert [rows[p][1].status for p in (1, 2, 3)] == ["accepted"] * 3 and rows[4][1] is None
    content = response.content.decode()
    assert 'data-period="4" data-realisasi-status="none"' in content
    assert "https://inka.demo.orbit.test/bukti/2023/IKU.7.2/tw1" in content  # evidence link
    assert "Digitalisasi dan pengelolaan arsip kepegawaian dengan DMS" in content  # the activity


def test_it_shows_the_review_comment_and_the_history(page, pk2023, ketua_user, head_user):
    realisasi = Realisasi.objects.get(indicator__agreement=pk2023, indicator__code="IKU.7.4", period=3)
    service.return_realisasi(realisasi=realisasi, actor=head_user, comment="Tambahkan tautan buletin.")
    content = page("IKU.7.4").content.decode()
    assert "Tambahkan tautan buletin." in content
    history = page("IKU.7.4").context["history"]
    assert history[0].status == "returned" and history[0].history_user == head_user


def test_it_links_parent_and_children(page, pk2023):
    content = page("IKU.4").content.decode()
    assert reverse("indicator_detail", args=["inka", 2023, "IKU.4.1"]) in content
    assert reverse("indicator_detail", args=["inka", 2023, "IKU.4"]) in page("IKU.4.2").content.decode()


def test_only_managers_see_the_plan_link(client, pk2023, head_user, anggota_user):
    url = reverse("indicator_detail", args=["inka", 2023, "IKU.7.2"])
    client.force_login(anggota_user)
    assert 'id="edit-plan"' not in client.get(url).content.decode()
    client.force_login(head_user)
    assert 'id="edit-plan"' in client.get(url).content.decode()


def test_unknown_codes_and_other_agencies_are_404(page, client, pk2023, outsider):
    assert page("IKU.99").status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("indicator_detail", args=["inka", 2023, "IKU.7.2"])).status_code == 404
