"""The rencana aksi of an indicator: period targets and activities, edited by the unit head or an admin only."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from organisation.models import Pokja
from performance.models import Activity, PeriodTarget
from performance.services import agreements as service
from performance.tests.fixtures_agreements import *  # noqa: F403

PERSONAS = ["anonymous", "outsider", "other_anggota", "member", "ketua", "head", "admin"]
MANAGERS = {"head", "admin"}


@pytest.fixture
def as_persona(outsider, anggota_user, member_user, ketua_user, head_user, admin_user):
    users = {
        "anonymous": None, "outsider": outsider, "other_anggota": anggota_user, "member": member_user,
        "ketua": ketua_user, "head": head_user, "admin": admin_user,
    }  # fmt: skip

    def client_for(persona):
        client = Client()
        client.cookies["django_language"] = "en"
        if users[persona]:
            client.force_login(users[persona])
        return client

    return client_for


def url(name, *extra):
    return reverse(name, args=["inka", 2023, "IKU.7.2", *extra])


def expected(persona):
    return {"anonymous": 302, "outsider": 404}.get(persona, 302 if persona in MANAGERS else 403)


def targets(indicator):
    return list(PeriodTarget.objects.filter(indicator=indicator).values_list("period", "target"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_set_the_period_targets(as_persona, iku_72, persona):
    data = {"target_1": "10000", "target_2": "15000", "target_3": "15000", "target_4": "16000"}
    response = as_persona(persona).post(url("plan_edit"), data)
    assert response.status_code == expected(persona)
    changed = [(1, 10000), (2, 15000), (3, 15000), (4, 16000)]
    assert (targets(iku_72) == changed) == (persona in MANAGERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_add_and_remove_activities(as_persona, iku_72, persona):
    pak = Pokja.objects.get(code="PAK")
    before = iku_72.activities.count()
    response = as_persona(persona).post(url("activity_add"), {"description": "Alih media arsip", "pokja": pak.pk})
    assert response.status_code == expected(persona)
    assert iku_72.activities.count() == before + (persona in MANAGERS)
    activity = iku_72.activities.first()
    response = as_persona(persona).post(url("activity_delete", activity.pk))
    assert response.status_code == expected(persona)
    assert Activity.objects.filter(pk=activity.pk).exists() == (persona not in MANAGERS)


def test_the_page_shows_the_current_targets(as_persona, iku_72):
    response = as_persona("head").get(url("plan_edit"))
    assert response.status_code == 200
    assert response.context["targets_form"].initial["target_1"] == Decimal(14000)
    assert as_persona("ketua").get(url("plan_edit")).status_code == 403


def test_an_empty_period_removes_its_target(as_persona, iku_72):
    as_persona("head").post(url("plan_edit"), {"target_1": "14000", "target_2": "14000", "target_3": "14000"})
    assert [p for p, _t in targets(iku_72)] == [1, 2, 3]


def test_a_bad_activity_keeps_the_form_with_errors(as_persona, iku_72):
    response = as_persona("head").post(url("activity_add"), {"description": "", "period": "2"})
    assert response.status_code == 400
    assert response.context["activity_form"].errors


def test_a_range_target_needs_an_upper_bound(iku_72, head_user):
    iku_72.polarity, iku_72.target_upper = "range", Decimal(60000)
    iku_72.save()
    with pytest.raises(ValidationError, match="upper bound"):
        service.set_period_targets(indicator=iku_72, targets={1: (Decimal(1), None)}, actor=head_user)
    saved = service.set_period_targets(indicator=iku_72, targets={1: (Decimal(1), Decimal(2))}, actor=head_user)
    assert (saved[0].target, saved[0].target_upper) == (Decimal(1), Decimal(2))
    assert saved[0].history.first().history_user == head_user


def test_it_refuses_periods_the_indicator_does_not_have(iku_72, head_user):
    with pytest.raises(ValidationError):
        service.set_period_targets(indicator=iku_72, targets={5: (Decimal(1), None)}, actor=head_user)
    with pytest.raises(ValidationError):
        service.add_activity(indicator=iku_72, actor=head_user, description="x", period=7)


def test_an_activity_names_its_pokja_and_people(iku_72, head_user, ketua_user, other_unit):
    pak = Pokja.objects.get(code="PAK")
    activity = service.add_activity(
        indicator=iku_72, actor=head_user, description="Rasionalisasi arsip", period=2, pokja=pak,
        responsible=[ketua_user.employee],
    )  # fmt: skip
    assert list(activity.responsible.all()) == [ketua_user.employee]
    with pytest.raises(ValidationError):
        service.add_activity(indicator=iku_72, actor=head_user, description="x", pokja=other_unit.pokja.get())
