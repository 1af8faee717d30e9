"""The performance admin: agency admins see their agency's PK only; the pages with inlines render."""

import pytest
from django.urls import reverse

from performance.models import Indicator, Realisasi
from performance.tests.factories import IndicatorFactory
from performance.tests.fixtures_agreements import *  # noqa: F403


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_an_agency_admin_sees_only_their_indicators(admin_client, pk2023, other_unit):
    IndicatorFactory(objective__agreement__unit=other_unit, name="Indikator rahasia")
    page = admin_client.get(reverse("admin:performance_indicator_changelist") + "?all=").content.decode()
    assert "Jumlah dokumen Arsip Kepegawaian" in page and "Indikator rahasia" not in page
    stranger = Indicator.objects.get(name="Indikator rahasia")
    response = admin_client.get(reverse("admin:performance_indicator_change", args=[stranger.pk]))
    assert response.status_code == 302


def test_the_change_and_history_pages_render(admin_client, iku_72):
    assert admin_client.get(reverse("admin:performance_indicator_change", args=[iku_72.pk])).status_code == 200
    realisasi = Realisasi.objects.filter(indicator=iku_72).first()
    assert admin_client.get(reverse("admin:performance_realisasi_change", args=[realisasi.pk])).status_code == 200
    history = reverse("admin:performance_realisasi_history", args=[realisasi.pk])
    assert admin_client.get(history).status_code == 200
    for name in ["performanceagreement", "activity", "strategicobjective"]:
        assert admin_client.get(reverse(f"admin:performance_{name}_changelist")).status_code == 200
