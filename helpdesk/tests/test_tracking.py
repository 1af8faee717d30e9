"""The private tracking page: conversation without internal notes, the requester's answer, the survey, files."""

import pytest
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Survey, Ticket
from helpdesk.tests.factories import make_ticket, pdf

S = Ticket.Status


@pytest.fixture
def ticket(siasn, anggota_user):
    ticket = make_ticket(siasn, attachments=[pdf("permohonan.pdf")])
    services.reply(actor=anggota_user, ticket=ticket, body="Balasan publik", attachments=[pdf("jawaban.pdf")])
    services.reply(
        actor=anggota_user, ticket=ticket, body="Catatan rahasia", internal=True, attachments=[pdf("log.pdf")]
    )
    return ticket


def url(ticket, name="helpdesk_track", *args):
    return reverse(name, args=[ticket.tracking_token, *args])


def test_it_shows_the_public_conversation_only(client, ticket):
    page = client.get(url(ticket)).content.decode()
    assert "Balasan publik" in page and "jawaban.pdf" in page and "permohonan.pdf" in page
    assert "Catatan rahasia" not in page and "log.pdf" not in page
    assert ticket.reference in page and 'data-status="diproses"' in page


def test_an_unknown_or_altered_token_is_404(client, ticket):
    assert client.get(reverse("helpdesk_track", args=["x" * 32])).status_code == 404
    token = ticket.tracking_token
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(reverse("helpdesk_track", args=[token[:-1]])).status_code == 404
    assert client.get(reverse("helpdesk_track", args=[altered])).status_code == 404


def test_files_download_by_token_but_never_an_internal_one(client, ticket):
    public = ticket.attachments.get(name="jawaban.pdf")
    internal = ticket.attachments.get(name="log.pdf")
    response = client.get(url(ticket, "helpdesk_track_file", public.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment") and response["X-Content-Type-Options"] == "nosniff"
    assert client.get(url(ticket, "helpdesk_track_file", internal.pk)).status_code == 404
    other = make_ticket(ticket.category)
    assert client.get(reverse("helpdesk_track_file", args=[other.tracking_token, public.pk])).status_code == 404


def test_the_requester_answers_from_the_link(client, ticket, anggota_user):
    services.change_status(actor=anggota_user, ticket=ticket, status=S.MENUNGGU)
    response = client.post(url(ticket, "helpdesk_track_reply"), {"body": "Sudah saya coba lagi."})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == S.DIPROSES
    assert ticket.messages.last().by_requester


def test_the_survey_appears_when_done_and_is_taken_once(client, ticket, anggota_user):
    assert 'id="survey-form"' not in client.get(url(ticket)).content.decode()
    services.change_status(actor=anggota_user, ticket=ticket, status=S.SELESAI)
    assert 'id="survey-form"' in client.get(url(ticket)).content.decode()
    answers = {f"u{i}": "4" for i in range(1, 10)} | {"u3": "3", "comment": "Mantap"}
    assert client.post(url(ticket, "helpdesk_survey"), answers).status_code == 302
    assert Survey.objects.get().scores == [4, 4, 3, 4, 4, 4, 4, 4, 4]
    page = client.get(url(ticket)).content.decode()
    assert 'id="survey-done"' in page and 'id="survey-form"' not in page
    assert client.post(url(ticket, "helpdesk_survey"), answers).status_code == 400
    assert Survey.objects.count() == 1


def test_an_incomplete_survey_is_refused(client, ticket, anggota_user):
    services.change_status(actor=anggota_user, ticket=ticket, status=S.SELESAI)
    response = client.post(url(ticket, "helpdesk_survey"), {"u1": "4", "u2": "9"})
    assert response.status_code == 400 and not Survey.objects.exists()


def test_a_closed_ticket_takes_no_more_answers(client, ticket, anggota_user):
    for status in (S.SELESAI, S.DITUTUP):
        services.change_status(actor=anggota_user, ticket=ticket, status=status)
    assert 'id="requester-reply"' not in client.get(url(ticket)).content.decode()
    assert client.post(url(ticket, "helpdesk_track_reply"), {"body": "Halo"}).status_code == 400


def test_the_tracking_page_reads_in_three_queries(client, ticket, django_assert_num_queries):
    # The ticket (with unit, category, survey), its public messages, its public attachments.
    with django_assert_num_queries(3):
        assert client.get(url(ticket)).status_code == 200
