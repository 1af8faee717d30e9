"""reply and requester_reply: public replies and internal notes, the first response, automatic status moves."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from helpdesk import services
from helpdesk.models import Message, Ticket
from helpdesk.tests.factories import make_ticket, only_available, pdf

S = Ticket.Status


@pytest.fixture
def ticket(siasn, pia, anggota_user):
    only_available(pia, anggota_user.employee)
    return make_ticket(siasn)


def test_the_first_public_reply_is_the_first_response_and_starts_the_work(ticket, anggota_user):
    message = services.reply(actor=anggota_user, ticket=ticket, body="Sedang kami cek.")
    ticket.refresh_from_db()
    assert ticket.first_response_at == message.created_at
    assert ticket.status == S.DIPROSES
    assert message.author_name == anggota_user.employee.name and message.kind == Message.Kind.PUBLIC
    first = ticket.first_response_at
    services.reply(actor=anggota_user, ticket=ticket, body="Masih dicek.")
    ticket.refresh_from_db()
    assert ticket.first_response_at == first


def test_an_internal_note_is_not_a_response_and_mails_nobody(ticket, anggota_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=anggota_user, ticket=ticket, body="Cek log integrasi.", internal=True)
    ticket.refresh_from_db()
    assert ticket.first_response_at is None and ticket.status == S.BARU
    assert mail.outbox == []


def test_a_public_reply_is_mailed_with_the_tracking_link(ticket, anggota_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=anggota_user, ticket=ticket, body="Silakan coba lagi.", attachments=[pdf()])
    assert [m.to for m in mail.outbox] == [[ticket.requester_email]]
    assert ticket.tracking_token in mail.outbox[0].body
    assert ticket.attachments.get().message.body == "Silakan coba lagi."


def test_a_closed_ticket_takes_notes_but_no_public_reply(ticket, anggota_user):
    for status in (S.DIPROSES, S.SELESAI, S.DITUTUP):
        services.change_status(actor=anggota_user, ticket=ticket, status=status)
    with pytest.raises(ValidationError):
        services.reply(actor=anggota_user, ticket=ticket, body="Halo")
    services.reply(actor=anggota_user, ticket=ticket, body="Catatan", internal=True)


def test_only_handlers_reply(ticket, ketua_user):
    with pytest.raises(PermissionDenied):
        services.reply(actor=ketua_user, ticket=ticket, body="Halo")


def test_the_requesters_answer_puts_a_waiting_ticket_back_to_work(
    ticket, anggota_user, django_capture_on_commit_callbacks
):
    services.reply(actor=anggota_user, ticket=ticket, body="Mohon kirim tangkapan layar.")
    services.change_status(actor=anggota_user, ticket=ticket, status=S.MENUNGGU)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.requester_reply(ticket=ticket, body="Terlampir.", attachments=[pdf("layar.pdf")])
    ticket.refresh_from_db()
    assert ticket.status == S.DIPROSES
    assert message.by_requester and message.author_name == "Budi Operator"
    assert [m.to for m in mail.outbox] == [[anggota_user.employee.email]]
    assert ticket.events.last().to_status == S.DIPROSES


def test_the_requesters_answer_reopens_a_resolved_ticket_but_not_a_closed_one(ticket, anggota_user):
    for status in (S.DIPROSES, S.SELESAI):
        services.change_status(actor=anggota_user, ticket=ticket, status=status)
    services.requester_reply(ticket=ticket, body="Masih gagal.")
    ticket.refresh_from_db()
    assert ticket.status == S.DIPROSES and ticket.resolved_at is None
    for status in (S.SELESAI, S.DITUTUP):
        services.change_status(actor=anggota_user, ticket=ticket, status=status)
    with pytest.raises(ValidationError):
        services.requester_reply(ticket=ticket, body="Halo?")


def test_an_empty_message_is_refused(ticket, anggota_user):
    with pytest.raises(ValidationError):
        services.reply(actor=anggota_user, ticket=ticket, body="   ")
    with pytest.raises(ValidationError):
        services.requester_reply(ticket=ticket, body="")
