""" "My follow-ups": the signed-in employee's open follow-ups, overdue ones marked, until they are done."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from organisation.models import Pokja
from performance.services import dialogues as service

MINE = reverse("my_follow_ups", args=["inka"])
TODAY = datetime.date(2026, 11, 20)
# session, user, unit (+agency, head), the user's employee (head?), the signed-in employee, the follow-ups
QUERIES = 6


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def dialogue(demo_unit, head_user):
    pak = Pokja.objects.get(unit=demo_unit, code="PAK")
    when = timezone.now() - datetime.timedelta(days=2)
    return service.schedule_dialogue(actor=head_user, unit=demo_unit, scheduled_at=when, topic="Evaluasi", pokja=pak)


def add(dialogue, head_user, owner, description, due):
    return service.add_follow_up(actor=head_user, dialogue=dialogue, description=description, owner=owner, due_date=due)


def rows(page: str) -> list[str]:
    return [chunk.split('"')[0] for chunk in page.split('data-follow-up="')[1:]]


def test_it_lists_only_my_open_follow_ups_and_marks_the_overdue(client, anggota_user, ketua_user, head_user, dialogue):
    me = anggota_user.employee
    late = add(dialogue, head_user, me, "Scan arsip", TODAY - datetime.timedelta(days=1))
    soon = add(dialogue, head_user, me, "Unggah bukti", TODAY + datetime.timedelta(days=5))
    done = add(dialogue, head_user, me, "Sudah", TODAY)
    service.complete_follow_up(actor=anggota_user, follow_up=done)
    theirs = add(dialogue, head_user, ketua_user.employee, "Bukan milik saya", TODAY)
    client.force_login(anggota_user)
    page = client.get(MINE).content.decode()
    assert rows(page) == [str(late.pk), str(soon.pk)]
    assert str(theirs.pk) not in rows(page) and "Bukan milik saya" not in page
    overdue = page[page.index(f'data-follow-up="{late.pk}"') : page.index(f'data-follow-up="{soon.pk}"')]
    assert 'data-overdue="true"' in overdue
    assert 'data-overdue="true"' not in page[page.index(f'data-follow-up="{soon.pk}"') :]


def test_a_follow_up_disappears_once_marked_done(client, anggota_user, head_user, dialogue):
    item = add(dialogue, head_user, anggota_user.employee, "Scan arsip", TODAY)
    client.force_login(anggota_user)
    response = client.post(reverse("follow_up_done", args=["inka", item.pk]), {"next": MINE})
    assert response["Location"] == MINE
    page = client.get(MINE).content.decode()
    assert rows(page) == [] and 'id="no-follow-ups"' in page


def test_it_tells_an_admin_without_an_employee_there_is_nothing(client, admin_user):
    client.force_login(admin_user)
    response = client.get(MINE)
    assert response.status_code == 200 and 'id="no-employee"' in response.content.decode()


def test_it_hides_the_page_from_another_agency(client, outsider, demo_unit):
    client.force_login(outsider)
    assert client.get(MINE).status_code == 404


def test_it_reads_in_a_fixed_number_of_queries(client, anggota_user, head_user, dialogue, django_assert_num_queries):
    client.force_login(anggota_user)
    add(dialogue, head_user, anggota_user.employee, "A", TODAY)
    with django_assert_num_queries(QUERIES):
        client.get(MINE)
    for n in range(5):
        add(dialogue, head_user, anggota_user.employee, f"B{n}", TODAY + datetime.timedelta(days=n))
    with django_assert_num_queries(QUERIES):
        client.get(MINE)
