"""The staff ticket page and its actions (reply, note, status, reassign), tried by every persona."""

import pytest
from django.urls import reverse

from helpdesk import services
from helpdesk.models import CannedReply, Message, Ticket
from helpdesk.tests.factories import make_ticket, members, only_available, pdf
from organisation.models import Membership
from organisation.tests.factories import UserFactory

S = Ticket.Status


@pytest.fixture
def ticket(siasn, pia, anggota_user):
    only_available(pia, anggota_user.employee)
    return make_ticket(siasn, attachments=[pdf("permohonan.pdf")])


def url(ticket, name="helpdesk_ticket"):
    return reverse(name, args=["inka", ticket.number])


@pytest.fixture
def pia_ketua_user(pia):
    ketua = Membership.objects.get(pokja=pia, role="ketua", valid_to__isnull=True).employee
    ketua.user = UserFactory(username="ketua-pia", agency=ketua.agency)
    ketua.save()
    return ketua.user


def test_the_assignee_sees_conversation_notes_history_and_canned_replies(client, ticket, anggota_user, pia):
    CannedReply.objects.create(pokja=pia, title="Reset token", body="Silakan buat token baru di menu Integrasi.")
    services.reply(actor=anggota_user, ticket=ticket, body="Catatan internal", internal=True)
    client.force_login(anggota_user)
    page = client.get(url(ticket)).content.decode()
    assert "Catatan internal" in page and 'data-kind="internal"' in page
    assert "permohonan.pdf" in page
    assert 'data-body="Silakan buat token baru di menu Integrasi."' in page
    assert 'data-event="created"' in page and 'data-event="assigned"' in page
    assert 'id="reply-form"' in page and 'id="status-form"' in page
    assert 'id="reassign-form"' not in page  # a plain member does not reassign


def test_only_the_allowed_next_statuses_are_offered(client, ticket, anggota_user):
    client.force_login(anggota_user)
    page = client.get(url(ticket)).content.decode()
    assert 'name="status" value="diproses"' in page and 'name="status" value="selesai"' not in page


def test_a_staff_member_outside_the_pokja_reads_but_cannot_act(client, ticket, ketua_user):
    client.force_login(ketua_user)
    page = client.get(url(ticket)).content.decode()
    assert 'id="reply-form"' not in page and 'id="status-form"' not in page
    assert client.post(url(ticket, "helpdesk_reply"), {"body": "x"}).status_code == 403
    assert client.post(url(ticket, "helpdesk_status"), {"status": "diproses"}).status_code == 403
    assert client.post(url(ticket, "helpdesk_reassign"), {"assignee": ticket.assignee_id}).status_code == 403


def test_anonymous_outsider_and_stakeholder_never_reach_it(client, ticket, outsider, stakeholder):
    assert client.get(url(ticket)).status_code == 302
    assert client.post(url(ticket, "helpdesk_reply"), {"body": "x"}).status_code == 302
    ticket.requester_user = stakeholder
    ticket.save()
    for user in (outsider, stakeholder):
        client.force_login(user)
        assert client.get(url(ticket)).status_code == 404
        assert client.post(url(ticket, "helpdesk_reply"), {"body": "x"}).status_code == 404
    assert not Message.objects.exists()


def test_the_assignee_replies_with_a_file_and_adds_a_note(client, ticket, anggota_user):
    client.force_login(anggota_user)
    response = client.post(url(ticket, "helpdesk_reply"), {"body": "Sudah kami perbaiki.", "attachments": [pdf()]})
    assert response.status_code == 302
    client.post(url(ticket, "helpdesk_reply"), {"body": "Cek lagi besok.", "internal": "on"})
    kinds = list(ticket.messages.values_list("kind", "body"))
    assert kinds == [("public", "Sudah kami perbaiki."), ("internal", "Cek lagi besok.")]
    ticket.refresh_from_db()
    assert ticket.status == S.DIPROSES and ticket.first_response_at


def test_an_illegal_status_is_refused_with_its_message(client, ticket, anggota_user):
    client.force_login(anggota_user)
    client.cookies["django_language"] = "en"
    response = client.post(url(ticket, "helpdesk_status"), {"status": "ditutup"})
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == S.BARU


def test_the_status_moves_along_the_map(client, ticket, anggota_user):
    client.force_login(anggota_user)
    for status in ("diproses", "selesai", "ditutup"):
        assert client.post(url(ticket, "helpdesk_status"), {"status": status}).status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == S.DITUTUP


def test_the_pokja_ketua_reassigns_from_the_page(client, ticket, pia_ketua_user, pia):
    target = next(e for e in members(pia) if e != ticket.assignee)
    client.force_login(pia_ketua_user)
    assert 'id="reassign-form"' in client.get(url(ticket)).content.decode()
    assert client.post(url(ticket, "helpdesk_reassign"), {"assignee": target.pk}).status_code == 302
    ticket.refresh_from_db()
    assert ticket.assignee == target


def test_a_non_member_cannot_be_chosen(client, ticket, head_user, pak):
    client.force_login(head_user)
    stranger = members(pak)[0]
    assert client.post(url(ticket, "helpdesk_reassign"), {"assignee": stranger.pk}).status_code == 400


def test_staff_download_files_of_their_agency_only(client, ticket, anggota_user, outsider):
    attachment = ticket.attachments.get()
    file_url = reverse("helpdesk_file", args=["inka", attachment.pk])
    client.force_login(anggota_user)
    assert client.get(file_url).status_code == 200
    client.force_login(outsider)
    assert client.get(file_url).status_code == 404


def test_the_page_takes_8_queries_however_long_the_conversation(
    client, ticket, anggota_user, pia, django_assert_num_queries
):
    CannedReply.objects.create(pokja=pia, title="A", body="a")
    client.force_login(anggota_user)
    # session, user, ticket (with unit, agency, head, category, pokja, assignee and its survey's scores),
    # messages, attachments, events (with assignee), the pokja's members (with employee), canned replies.
    with django_assert_num_queries(8):
        client.get(url(ticket))
    for n in range(10):
        services.reply(actor=anggota_user, ticket=ticket, body=f"Balasan {n}", attachments=[pdf()], internal=n % 2 == 0)
    services.change_status(actor=anggota_user, ticket=ticket, status=S.MENUNGGU)
    with django_assert_num_queries(8):
        client.get(url(ticket))


def test_a_rated_ticket_shows_the_requesters_scores_in_the_same_8_queries(
    client, ticket, anggota_user, django_assert_num_queries
):
    client.force_login(anggota_user)
    assert 'id="ticket-survey"' not in client.get(url(ticket)).content.decode()
    for status in (S.DIPROSES, S.SELESAI):
        services.change_status(actor=anggota_user, ticket=ticket, status=status)
    services.submit_survey(ticket=ticket, scores=[4, 3, 4, 4, 2, 4, 4, 3, 1])
    with django_assert_num_queries(8):
        page = client.get(url(ticket)).content.decode()
    assert '<dd id="ticket-survey">4 · 3 · 4 · 4 · 2 · 4 · 4 · 3 · 1</dd>' in page
