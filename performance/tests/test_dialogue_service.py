"""Dialog kinerja services: scheduling, notes, follow-ups and who may mark them done."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from organisation.models import Pokja
from performance.models import Dialogue, FollowUp
from performance.services import dialogues as service

WHEN = timezone.make_aware(datetime.datetime(2026, 12, 3, 9, 30))


@pytest.fixture
def pak(demo_unit):
    return Pokja.objects.get(unit=demo_unit, code="PAK")


@pytest.fixture
def dialogue(demo_unit, head_user, pak):
    return service.schedule_dialogue(actor=head_user, unit=demo_unit, scheduled_at=WHEN, topic="Capaian Q3", pokja=pak)


def test_it_lets_the_head_schedule_a_dialogue_with_a_pokja(dialogue, head_user, pak):
    stored = Dialogue.objects.get(pk=dialogue.pk)
    assert (stored.pokja, stored.scheduled_at, stored.topic, stored.created_by) == (pak, WHEN, "Capaian Q3", head_user)
    assert stored.agency_id == pak.agency_id


def test_it_lets_an_admin_schedule_a_dialogue_with_a_person(demo_unit, admin_user, anggota_user):
    person = anggota_user.employee
    made = service.schedule_dialogue(actor=admin_user, unit=demo_unit, scheduled_at=WHEN, topic="SKP", employee=person)
    assert made.employee == person and made.pokja is None


@pytest.mark.parametrize("persona", ["ketua_user", "anggota_user", "outsider"])
def test_it_refuses_scheduling_by_anyone_else(demo_unit, pak, request, persona):
    with pytest.raises(PermissionDenied):
        service.schedule_dialogue(
            actor=request.getfixturevalue(persona), unit=demo_unit, scheduled_at=WHEN, topic="X", pokja=pak
        )
    assert not Dialogue.objects.exists()


def test_it_needs_a_pokja_or_a_person_of_the_unit(demo_unit, head_user, other_unit):
    with pytest.raises(ValidationError):
        service.schedule_dialogue(actor=head_user, unit=demo_unit, scheduled_at=WHEN, topic="X")
    with pytest.raises(ValidationError):
        service.schedule_dialogue(
            actor=head_user, unit=demo_unit, scheduled_at=WHEN, topic="X", pokja=other_unit.pokja.first()
        )
    with pytest.raises(ValidationError):
        service.schedule_dialogue(
            actor=head_user, unit=demo_unit, scheduled_at=WHEN, topic="X", employee=other_unit.employees.first()
        )
    assert not Dialogue.objects.exists()


def test_it_records_notes_and_agreements_for_the_head_only(dialogue, head_user, ketua_user):
    with pytest.raises(PermissionDenied):
        service.record_dialogue(actor=ketua_user, dialogue=dialogue, notes="x", agreements="y")
    service.record_dialogue(actor=head_user, dialogue=dialogue, notes="Q3 tertinggal", agreements="Lembur arsip")
    dialogue.refresh_from_db()
    assert (dialogue.notes, dialogue.agreements) == ("Q3 tertinggal", "Lembur arsip")


def test_it_adds_a_follow_up_with_an_owner_of_the_agency(dialogue, head_user, anggota_user, other_unit):
    due = datetime.date(2026, 12, 20)
    owner = anggota_user.employee
    follow_up = service.add_follow_up(actor=head_user, dialogue=dialogue, description="Scan", owner=owner, due_date=due)
    assert (follow_up.owner, follow_up.due_date, follow_up.done_at) == (owner, due, None)
    with pytest.raises(ValidationError):
        service.add_follow_up(
            actor=head_user, dialogue=dialogue, description="X", owner=other_unit.employees.first(), due_date=due
        )
    with pytest.raises(PermissionDenied):
        service.add_follow_up(actor=anggota_user, dialogue=dialogue, description="X", owner=owner, due_date=due)
    assert FollowUp.objects.count() == 1


@time_machine.travel(datetime.datetime(2026, 12, 10, 8, 0, tzinfo=datetime.UTC), tick=False)
def test_the_owner_marks_a_follow_up_done_once(dialogue, head_user, anggota_user, ketua_user):
    follow_up = service.add_follow_up(
        actor=head_user, dialogue=dialogue, description="Scan", owner=anggota_user.employee,
        due_date=datetime.date(2026, 12, 20),
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        service.complete_follow_up(actor=ketua_user, follow_up=follow_up)
    service.complete_follow_up(actor=anggota_user, follow_up=follow_up)
    first = FollowUp.objects.get(pk=follow_up.pk).done_at
    assert first == timezone.now()
    with time_machine.travel(datetime.datetime(2026, 12, 11, tzinfo=datetime.UTC)):
        service.complete_follow_up(actor=head_user, follow_up=follow_up)
    assert FollowUp.objects.get(pk=follow_up.pk).done_at == first


@pytest.mark.parametrize("persona", ["head_user", "admin_user"])
def test_the_head_or_admin_may_mark_anyones_follow_up_done(dialogue, head_user, anggota_user, request, persona):
    follow_up = service.add_follow_up(
        actor=head_user, dialogue=dialogue, description="Scan", owner=anggota_user.employee,
        due_date=datetime.date(2026, 12, 20),
    )  # fmt: skip
    service.complete_follow_up(actor=request.getfixturevalue(persona), follow_up=follow_up)
    assert FollowUp.objects.get(pk=follow_up.pk).done_at is not None
