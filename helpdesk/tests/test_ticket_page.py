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


# The page's conversation, history, canned replies and buttons are built as strings
# (helpdesk/templatetags/helpdesk_ticket.py): what a person typed must reach the page escaped, and the page must say
# the same things the template said.

PAYLOAD = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_every_text_people_typed_is_escaped(client, siasn, pia, anggota_user):
    only_available(pia, anggota_user.employee)
    ticket = make_ticket(siasn, requester_name=f"Budi {PAYLOAD}", description=f"Tolong {PAYLOAD}\nbaris dua")
    CannedReply.objects.create(pokja=pia, title=f"Judul {PAYLOAD}", body=f"Isi {PAYLOAD}")
    services.reply(actor=anggota_user, ticket=ticket, body=f"Balasan {PAYLOAD}")
    services.requester_reply(ticket=ticket, body=f"Jawaban {PAYLOAD}")
    ticket.events.create(kind="assigned", actor_name=f"Admin {PAYLOAD}", assignee=anggota_user.employee)
    client.force_login(anggota_user)
    page = client.get(url(ticket)).content.decode()
    assert PAYLOAD not in page
    for text in ("Budi", "Tolong", "Judul", "Isi", "Balasan", "Jawaban", "Admin"):
        assert f"{text} {ESCAPED}" in page, text
    assert f"<p>Tolong {ESCAPED}<br>baris dua</p>" in page  # line breaks kept, as |linebreaks gave


def test_the_history_says_who_did_what(client, ticket, anggota_user):
    services.change_status(actor=anggota_user, ticket=ticket, status=S.DIPROSES)
    ticket.events.create(kind="warned", assignee=anggota_user.employee)
    english(client).force_login(anggota_user)
    page = client.get(url(ticket)).content.decode()
    name = anggota_user.employee.name
    history = page[page.index('id="history"') :]
    assert "Budi Operator:\n        created the ticket" in history
    assert f"Orbit:\n        assigned to {name}" in history
    assert f"{name}:\n        new → in progress" in history
    assert f"Orbit:\n        SLA warning sent to {name}" in history


def test_the_conversation_marks_notes_and_lists_files_by_message(client, ticket, anggota_user):
    services.reply(actor=anggota_user, ticket=ticket, body="Catatan", internal=True, attachments=[pdf("catatan.pdf")])
    services.requester_reply(ticket=ticket, body="Terima kasih")
    english(client).force_login(anggota_user)
    page = client.get(url(ticket)).content.decode()
    conversation = page[page.index('id="conversation"') : page.index("</ol>")]
    request, note, answer = conversation.split('<li class="message')[1:]
    assert "permohonan.pdf" in request and "catatan.pdf" not in request
    assert note.startswith(' internal"') and "<em>internal note</em>" in note and "catatan.pdf" in note
    assert answer.startswith(' by-requester"') and "Terima kasih" in answer and ".pdf" not in answer


def test_a_done_ticket_is_reopened_not_put_in_progress(client, ticket, anggota_user):
    for status in (S.DIPROSES, S.SELESAI):
        services.change_status(actor=anggota_user, ticket=ticket, status=status)
    english(client).force_login(anggota_user)
    page = client.get(url(ticket)).content.decode()
    assert 'value="diproses" data-status="diproses" class="secondary">Reopen</button>' in page
    assert 'data-status="ditutup" class="secondary">Closed</button>' in page


def test_a_refused_reply_keeps_what_was_typed(client, ticket, anggota_user):
    english(client).force_login(anggota_user)
    files = [pdf(f"{n}.pdf") for n in range(4)]
    response = client.post(url(ticket, "helpdesk_reply"), {"body": "Teks yang panjang", "attachments": files})
    page = response.content.decode()
    assert response.status_code == 400 and "Attach at most 3 files." in page
    assert ">\nTeks yang panjang</textarea>" in page
    assert client.get(url(ticket)).content.decode().count("Teks yang panjang") == 0  # nothing saved, form blank again


def test_a_refused_reassignment_says_why(client, ticket, head_user, pak):
    english(client).force_login(head_user)
    stranger = members(pak)[0]
    response = client.post(url(ticket, "helpdesk_reassign"), {"assignee": stranger.pk})
    assert response.status_code == 400
    assert f"Select a valid choice. {stranger.pk} is not one of the available choices." in response.content.decode()


def test_the_reply_form_speaks_each_visitors_language(client, ticket, anggota_user):
    client.force_login(anggota_user)
    for language, label in [("en", "Message:"), ("id", "Pesan:"), ("en", "Message:")]:
        client.cookies["django_language"] = language
        assert f'<label for="id_body">{label}</label>' in client.get(url(ticket)).content.decode()
