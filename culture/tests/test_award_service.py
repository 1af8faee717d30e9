"""Apresiasi writes: who may open a period, nominate and decide; stakeholders; the facts kept with a nomination."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from culture import suggestions
from culture.models import Nomination, Stakeholder
from culture.services import awards
from organisation import demo
from organisation.models import Employee, Pokja

KOMANG = demo.demo_nip(0, "2")


def nominate(actor, period, **kwargs):
    defaults = {"kind": "employee", "title": "Pegawai paling kolaboratif", "reason": "Membantu tiga pokja."}
    return awards.nominate(actor=actor, period=period, **{**defaults, **kwargs})


def test_the_head_opens_a_period(demo_unit, head_user):
    period = awards.create_period(
        actor=head_user, unit=demo_unit, name="Triwulan II 2024", start=datetime.date(2024, 4, 1),
        end=datetime.date(2024, 6, 30),
    )  # fmt: skip
    assert period.agency_id == demo_unit.agency_id


def test_a_period_cannot_end_before_it_starts(demo_unit, head_user):
    with pytest.raises(ValidationError):
        awards.create_period(
            actor=head_user, unit=demo_unit, name="X", start=datetime.date(2024, 4, 1), end=datetime.date(2024, 3, 1)
        )


def test_an_anggota_cannot_open_a_period(demo_unit, anggota_user):
    with pytest.raises(PermissionDenied):
        awards.create_period(
            actor=anggota_user, unit=demo_unit, name="X", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 2, 1)
        )


def test_anyone_in_the_agency_may_nominate_a_colleague(period, anggota_user, core_values):
    komang = Employee.objects.get(nip=KOMANG)
    nomination = nominate(anggota_user, period, employee=komang, values=[core_values["kolaboratif"]])
    assert nomination.status == Nomination.Status.PROPOSED
    assert nomination.nominated_by == anggota_user
    assert list(nomination.values.values_list("code", flat=True)) == ["kolaboratif"]


def test_nobody_nominates_themselves(period, ketua_user):
    with pytest.raises(ValidationError) as error:
        nominate(ketua_user, period, employee=ketua_user.employee)
    assert "employee" in error.value.message_dict


def test_an_outsider_cannot_nominate(period, outsider):
    with pytest.raises(PermissionDenied):
        nominate(outsider, period, employee=Employee.objects.get(nip=KOMANG))


def test_a_nominee_of_another_unit_is_refused(period, anggota_user, other_unit):
    stranger = Employee.objects.get(unit=other_unit)
    with pytest.raises(ValidationError):
        nominate(anggota_user, period, employee=stranger)


def test_a_pokja_can_be_nominated(period, anggota_user):
    pokja = Pokja.objects.get(unit=period.unit, code="PDK")
    nomination = nominate(anggota_user, period, kind="pokja", pokja=pokja, employee=Employee.objects.first())
    assert nomination.pokja == pokja and nomination.employee is None
    assert nomination.nominee_name.startswith("PDK")


def test_a_stakeholder_agency_is_recognised_by_name_and_reused(period, anggota_user, ketua_user):
    first = nominate(
        anggota_user, period, kind="stakeholder", stakeholder_name="BKPSDM  Kabupaten Badung",
        title="Instansi paling kooperatif dalam pemutakhiran data",
    )  # fmt: skip
    second = nominate(ketua_user, period, kind="stakeholder", stakeholder_name="bkpsdm kabupaten badung")
    assert first.stakeholder == second.stakeholder
    assert first.stakeholder.name == "BKPSDM Kabupaten Badung"
    assert Stakeholder.objects.filter(unit=period.unit).count() == 1


def test_a_nomination_needs_a_reason(period, anggota_user):
    with pytest.raises(ValidationError):
        nominate(anggota_user, period, employee=Employee.objects.get(nip=KOMANG), reason="  ")


def test_a_nomination_from_a_suggestion_keeps_its_facts(period, anggota_user):
    suggestion = suggestions.find(period, f"employee:{KOMANG}")
    nomination = nominate(anggota_user, period, employee=Employee.objects.get(nip=KOMANG), suggestion=suggestion)
    assert nomination.facts == [fact.as_json() for fact in suggestion.facts]
    assert {"pokja": 3, "codes": "PAK, PDI, PLT", "minimum": 2} in [fact["numbers"] for fact in nomination.facts]


@pytest.mark.parametrize("decider", ["head_user", "admin_user"])
def test_the_head_or_an_agency_admin_decides(period, anggota_user, decider, request):
    actor = request.getfixturevalue(decider)
    nomination = nominate(anggota_user, period, employee=Employee.objects.get(nip=KOMANG))
    awards.decide(actor=actor, nomination=nomination, award=True, note="Selamat")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.AWARDED
    assert nomination.decided_by == actor and nomination.decided_at is not None
    assert nomination.certificate_number.endswith(f"/APR/INKA/{nomination.decided_at:%Y}")


@pytest.mark.parametrize("decider", ["ketua_user", "anggota_user", "outsider"])
def test_others_may_not_decide(period, anggota_user, decider, request):
    nomination = nominate(anggota_user, period, employee=Employee.objects.get(nip=KOMANG))
    with pytest.raises(PermissionDenied):
        awards.decide(actor=request.getfixturevalue(decider), nomination=nomination, award=True)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PROPOSED


def test_a_decision_is_final(period, anggota_user, head_user):
    nomination = nominate(anggota_user, period, employee=Employee.objects.get(nip=KOMANG))
    awards.decide(actor=head_user, nomination=nomination, award=False)
    with pytest.raises(ValidationError):
        awards.decide(actor=head_user, nomination=Nomination.objects.get(pk=nomination.pk), award=True)
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.DECLINED
