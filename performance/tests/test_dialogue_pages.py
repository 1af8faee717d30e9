"""Dialog kinerja pages as the personas see them: the list, one dialogue, adding follow-ups (htmx) and done."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organisation.models import Pokja
from performance.models import Dialogue, FollowUp
from performance.services import dialogues as service

LIST = reverse("dialogue_list", args=["inka"])
# session, user, unit (+agency, head), the user's employee (head?), upcoming and past dialogues with counts
LIST_QUERIES = 6


@pytest.fixture
def pak(demo_unit):
    return Pokja.objects.get(unit=demo_unit, code="PAK")


def schedule(unit, head_user, pak, days: int, topic: str) -> Dialogue:
    when = timezone.now() + datetime.timedelta(days=days)
    return service.schedule_dialogue(actor=head_user, unit=unit, scheduled_at=when, topic=topic, pokja=pak)


@pytest.fixture
def dialogue(demo_unit, head_user, pak):
    return schedule(demo_unit, head_user, pak, 3, "Capaian triwulan")


@pytest.fixture
def follow_up(dialogue, head_user, anggota_user):
    return service.add_follow_up(
        actor=head_user, dialogue=dialogue, description="Lengkapi bukti IKU.1", owner=anggota_user.employee,
        due_date=datetime.date.today() + datetime.timedelta(days=7),
    )  # fmt: skip


def detail(dialogue) -> str:
    return reverse("dialogue_detail", args=["inka", dialogue.pk])


def test_it_sends_an_anonymous_visitor_to_sign_in(client, dialogue, follow_up):
    for url in [LIST, detail(dialogue), reverse("my_follow_ups", args=["inka"])]:
        assert "/accounts/login/" in client.get(url)["Location"]
    assert "/accounts/login/" in client.post(reverse("follow_up_done", args=["inka", follow_up.pk]))["Location"]
    assert FollowUp.objects.get().done_at is None


def test_it_hides_the_dialogues_from_another_agency(client, outsider, dialogue, follow_up):
    client.force_login(outsider)
    assert client.get(LIST).status_code == 404
    assert client.get(detail(dialogue)).status_code == 404
    assert client.post(reverse("follow_up_done", args=["inka", follow_up.pk])).status_code == 404
    assert FollowUp.objects.get().done_at is None


def test_it_splits_upcoming_and_past_dialogues_for_an_anggota(client, anggota_user, demo_unit, head_user, pak):
    schedule(demo_unit, head_user, pak, 5, "Rencana Q4")
    schedule(demo_unit, head_user, pak, -20, "Evaluasi Q2")
    client.force_login(anggota_user)
    page = client.get(LIST).content.decode()
    upcoming = page[page.index('id="dialogues-upcoming"') : page.index('id="dialogues-past"')]
    past = page[page.index('id="dialogues-past"') :]
    assert "Rencana Q4" in upcoming and "Evaluasi Q2" in past and "Evaluasi Q2" not in upcoming
    assert 'id="dialogue-schedule"' not in page


def test_it_refuses_scheduling_by_an_anggota(client, anggota_user, pak):
    client.force_login(anggota_user)
    response = client.post(LIST, {"scheduled_at": "2026-12-01T09:00", "pokja": pak.pk, "topic": "X"})
    assert response.status_code == 403 and not Dialogue.objects.exists()


def test_it_lets_the_head_schedule_a_dialogue(client, head_user, pak):
    client.force_login(head_user)
    assert 'id="dialogue-schedule"' in client.get(LIST).content.decode()
    response = client.post(LIST, {"scheduled_at": "2026-12-01T09:00", "pokja": pak.pk, "topic": "Capaian Q4"})
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(dialogue)
    assert dialogue.pokja == pak and timezone.localtime(dialogue.scheduled_at).hour == 9


def test_it_shows_the_head_a_dialogue_without_pokja_or_person(client, head_user):
    client.force_login(head_user)
    response = client.post(LIST, {"scheduled_at": "2026-12-01T09:00", "topic": "Capaian Q4"})
    assert response.status_code == 400 and 'class="errorlist' in response.content.decode()
    assert not Dialogue.objects.exists()


def test_the_list_reads_in_a_fixed_number_of_queries(
    client, anggota_user, demo_unit, head_user, pak, django_assert_num_queries
):
    client.force_login(anggota_user)
    schedule(demo_unit, head_user, pak, 1, "A")
    with django_assert_num_queries(LIST_QUERIES):
        client.get(LIST)
    for days in [-3, -2, 2, 4]:
        made = schedule(demo_unit, head_user, pak, days, f"D{days}")
        service.add_follow_up(
            actor=head_user, dialogue=made, description="x", owner=anggota_user.employee, due_date=datetime.date.today()
        )
    with django_assert_num_queries(LIST_QUERIES):
        client.get(LIST)


def test_an_anggota_reads_the_notes_but_may_not_change_them(client, anggota_user, head_user, dialogue, follow_up):
    service.record_dialogue(actor=head_user, dialogue=dialogue, notes="Arsip tertinggal", agreements="Lembur")
    client.force_login(anggota_user)
    page = client.get(detail(dialogue)).content.decode()
    assert "Arsip tertinggal" in page and "Lembur" in page and "Lengkapi bukti IKU.1" in page
    assert 'id="follow-up-form"' not in page
    assert client.post(detail(dialogue), {"notes": "x", "agreements": "y"}).status_code == 403
    dialogue.refresh_from_db()
    assert dialogue.notes == "Arsip tertinggal"


def test_the_head_records_notes_and_agreements(client, head_user, dialogue):
    client.force_login(head_user)
    response = client.post(detail(dialogue), {"notes": "Capaian IKU.1 90%", "agreements": "Percepat scan"})
    assert response.status_code == 302
    dialogue.refresh_from_db()
    assert (dialogue.notes, dialogue.agreements) == ("Capaian IKU.1 90%", "Percepat scan")


def follow_up_data(owner, description="Unggah bukti"):
    return {"description": description, "owner": owner.pk, "due_date": "2026-12-15"}


def test_it_refuses_follow_ups_from_an_anggota(client, anggota_user, dialogue):
    client.force_login(anggota_user)
    url = reverse("follow_up_add", args=["inka", dialogue.pk])
    assert client.post(url, follow_up_data(anggota_user.employee)).status_code == 403
    assert not FollowUp.objects.exists()


def test_the_head_adds_a_follow_up_through_htmx(client, head_user, anggota_user, dialogue):
    client.force_login(head_user)
    url = reverse("follow_up_add", args=["inka", dialogue.pk])
    response = client.post(url, follow_up_data(anggota_user.employee), headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert page.startswith('<section class="card" id="follow-ups">') and "Unggah bukti" in page
    assert FollowUp.objects.get().owner == anggota_user.employee


def test_a_bad_follow_up_comes_back_with_its_errors(client, head_user, anggota_user, dialogue):
    client.force_login(head_user)
    url = reverse("follow_up_add", args=["inka", dialogue.pk])
    data = {"description": "", "owner": anggota_user.employee.pk, "due_date": "nope"}
    response = client.post(url, data, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.content.decode().count('class="errorlist') == 2
    assert client.post(url, data).status_code == 400
    assert not FollowUp.objects.exists()


def test_the_head_adds_a_follow_up_without_javascript(client, head_user, anggota_user, dialogue):
    client.force_login(head_user)
    response = client.post(reverse("follow_up_add", args=["inka", dialogue.pk]), follow_up_data(anggota_user.employee))
    assert response.status_code == 302 and response["Location"] == detail(dialogue)
    assert FollowUp.objects.count() == 1


def test_the_owner_marks_their_follow_up_done(client, anggota_user, follow_up):
    client.force_login(anggota_user)
    done = reverse("follow_up_done", args=["inka", follow_up.pk])
    assert f'action="{done}"' in client.get(detail(follow_up.dialogue)).content.decode()
    response = client.post(done)
    assert response.status_code == 302
    assert FollowUp.objects.get().done_at is not None


def test_someone_else_may_not_mark_it_done(client, ketua_user, follow_up):
    client.force_login(ketua_user)
    done = reverse("follow_up_done", args=["inka", follow_up.pk])
    assert f'action="{done}"' not in client.get(detail(follow_up.dialogue)).content.decode()
    assert client.post(done).status_code == 403
    assert FollowUp.objects.get().done_at is None


def test_the_head_may_mark_it_done_and_is_sent_back(client, head_user, follow_up):
    client.force_login(head_user)
    mine = reverse("my_follow_ups", args=["inka"])
    response = client.post(reverse("follow_up_done", args=["inka", follow_up.pk]), {"next": mine})
    assert response["Location"] == mine
    assert FollowUp.objects.get().done_at is not None


def test_it_does_not_send_anyone_to_another_site(client, head_user, follow_up):
    client.force_login(head_user)
    response = client.post(reverse("follow_up_done", args=["inka", follow_up.pk]), {"next": "https://evil.test/"})
    assert response["Location"] == detail(follow_up.dialogue)
