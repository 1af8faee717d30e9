"""Copying a PK to the next year: SS, IKU with parents, pokja links, period targets and activities, never
the realisasi; refused (with a message, nothing written) when the next year exists or the actor may not."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from performance.models import Activity, PerformanceAgreement, PeriodTarget, Realisasi
from performance.services.agreements import copy_agreement
from performance.tests.fixtures_agreements import *  # noqa: F403

pytestmark = pytest.mark.usefixtures("english_messages")


def test_it_copies_the_whole_plan_but_no_realisasi(pk2023, head_user):
    copy = copy_agreement(agreement=pk2023, actor=head_user)
    assert (copy.year, copy.unit, copy.title) == (
        2024,
        pk2023.unit,
        "Perjanjian Kinerja 2024 Bidang Informasi Kepegawaian",
    )
    assert list(copy.objectives.values_list("code", "perspective")) == list(
        pk2023.objectives.values_list("code", "perspective")
    )
    old = {i.code: i for i in pk2023.indicators.prefetch_related("pokja")}
    new = {i.code: i for i in copy.indicators.select_related("parent", "objective").prefetch_related("pokja")}
    assert set(new) == set(old)
    assert new["IKU.4.1"].parent == new["IKU.4"]  # the new parent, not last year's
    assert new["IKU.6.2"].objective.agreement == copy
    assert {p.code for p in new["IKU.7.2"].pokja.all()} == {"PAK"}
    assert all(
        {p.pk for p in new[c].pokja.all()} == {p.pk for p in old[c].pokja.all()} and new[c].target == old[c].target
        for c in old
    )
    assert PeriodTarget.objects.filter(indicator__agreement=copy).count() == 4 * len(old)
    activity = Activity.objects.get(indicator=new["IKU.7.2"])
    assert activity.due_date == datetime.date(2024, 12, 31) and activity.responsible.count() == 1
    assert not Realisasi.objects.filter(indicator__agreement=copy).exists()


def test_it_refuses_when_the_next_year_exists(pk2023, head_user):
    copy_agreement(agreement=pk2023, actor=head_user)
    count = PerformanceAgreement.objects.count()
    with pytest.raises(ValidationError, match="already has a performance agreement for 2024"):
        copy_agreement(agreement=pk2023, actor=head_user)
    assert PerformanceAgreement.objects.count() == count


def test_only_the_head_or_an_admin_copies(pk2023, ketua_user, outsider, admin_user):
    for actor in (ketua_user, outsider):
        with pytest.raises(PermissionDenied):
            copy_agreement(agreement=pk2023, actor=actor)
    assert not PerformanceAgreement.objects.filter(year=2024).exists()
    assert copy_agreement(agreement=pk2023, actor=admin_user).year == 2024
