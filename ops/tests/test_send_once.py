"""E-mails of background tasks go out once per intended message, even when a task runs again (a re-queued task
after a worker died, a reminder job started twice): same task twice → one mail; a new event → a new mail.
The protocol itself (ops.mail.send_once): a claim that was never sent is taken over after CLAIM_TIMEOUT, and a
failed send releases its claim so that a retry sends the mail."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from culture import tasks as culture_tasks
from culture.models import PosVersion
from culture.services import pos
from helpdesk import services as helpdesk
from helpdesk import tasks as helpdesk_tasks
from helpdesk.models import Category
from helpdesk.tests.factories import make_ticket
from ops.mail import CLAIM_TIMEOUT, send_once
from ops.models import SentMail
from organisation.models import Pokja
from performance import tasks as performance_tasks
from performance.services import realisasi as realisasi_service
from performance.tests.fixtures_agreements import *  # noqa: F403

MAKASSAR = zoneinfo.ZoneInfo("Asia/Makassar")


def at(year, month, day, hour=9):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=MAKASSAR), tick=False)


def to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs the services' on-commit work (enqueueing the mail tasks, which the test settings run at once)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def ticket(demo_unit, committed):
    category = Category.objects.create(unit=demo_unit, pokja=Pokja.objects.get(unit=demo_unit, code="PIA"), name="X")
    with committed():
        return make_ticket(category, requester_email="budi@badung.example")


def test_a_ticket_mail_task_run_again_sends_nothing_more(ticket):
    assignee = ticket.assignee.email or ticket.assignee.user.email
    assert len(to("budi@badung.example")) == 1 and len(to(assignee)) == 1  # "received" and "assigned to you"

    helpdesk_tasks.notify_requester.call(ticket.pk, "created")  # e.g. re-queued after the worker died
    helpdesk_tasks.notify_assignee.call(ticket.pk)

    assert len(to("budi@badung.example")) == 1 and len(to(assignee)) == 1


def test_every_reply_is_mailed_once_however_often_its_task_runs(ticket, head_user, committed):
    with committed():
        helpdesk.reply(actor=head_user, ticket=ticket, body="Sedang kami periksa.")
    helpdesk_tasks.notify_requester.call(ticket.pk, "reply")
    assert len(to("budi@badung.example")) == 2

    with committed():
        helpdesk.reply(actor=head_user, ticket=ticket, body="Sudah diperbaiki.")  # another reply: another mail
    helpdesk_tasks.notify_requester.call(ticket.pk, "reply")

    assert len(to("budi@badung.example")) == 3
    assert SentMail.objects.filter(key__startswith=f"helpdesk:reply:{ticket.pk}:").count() == 2


def test_a_realisasi_step_is_mailed_once_and_the_next_step_again(iku_72, member_user, ketua_user, head_user, committed):
    head_email = head_user.employee.email
    draft = realisasi_service.report_realisasi(indicator=iku_72, period=4, actor=member_user, value=Decimal(5))
    with committed():
        submitted = realisasi_service.submit_realisasi(realisasi=draft, actor=ketua_user)
    assert len(to(head_email)) == 1

    assert performance_tasks.notify_realisasi.call(realisasi_id=submitted.pk, event="submitted") == 0
    assert len(to(head_email)) == 1

    returned = realisasi_service.return_realisasi(realisasi=submitted, actor=head_user, comment="Lampirkan BA.")
    with committed(), time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        realisasi_service.submit_realisasi(realisasi=returned, actor=ketua_user)  # submitted again: a new mail
    assert len(to(head_email)) == 2


def test_the_report_reminder_goes_once_a_day(pk2023):  # noqa: F405
    with at(2023, 10, 11):
        first = performance_tasks.send_report_reminders.call(agreement_id=pk2023.pk)
        again = performance_tasks.send_report_reminders.call(agreement_id=pk2023.pk)
    assert first > 0 and again == 0 and len(mail.outbox) == first

    with at(2023, 10, 12):
        next_day = performance_tasks.send_report_reminders.call(agreement_id=pk2023.pk)
    assert next_day == first and len(mail.outbox) == 2 * first


def test_a_pos_reminder_is_not_repeated_when_its_run_died_before_recording_it(demo_unit, ketua_user, head_user):
    with at(2024, 3, 1):
        document = pos.create_document(
            actor=ketua_user, pokja=Pokja.objects.get(unit=demo_unit, code="PAK"), title="POS Arsip"
        )
        version = pos.approve_version(
            actor=head_user, version=pos.add_version(actor=ketua_user, document=document, text="Langkah")
        )
    with at(2025, 2, 15):
        assert culture_tasks.send_pos_review_reminders.call() == 1
        PosVersion.objects.filter(pk=version.pk).update(reminded_at=None)  # as if the run died after sending

        assert culture_tasks.send_pos_review_reminders.call() == 0

    assert len(mail.outbox) == 1
    assert PosVersion.objects.get(pk=version.pk).reminded_at is not None


def test_an_abandoned_claim_is_taken_over_after_the_timeout(db):
    start = timezone.now()
    SentMail.objects.create(key="test:abandoned", claimed_at=start)  # a run claimed it and died before sending

    with time_machine.travel(start + CLAIM_TIMEOUT - datetime.timedelta(minutes=1), tick=False):
        assert send_once("test:abandoned", "Subject", "Body", ["a@example.go.id"]) is False  # maybe still sending
    with time_machine.travel(start + CLAIM_TIMEOUT + datetime.timedelta(minutes=1), tick=False):
        assert send_once("test:abandoned", "Subject", "Body", ["a@example.go.id"]) is True
        assert send_once("test:abandoned", "Subject", "Body", ["a@example.go.id"]) is False

    assert len(mail.outbox) == 1
    assert SentMail.objects.get(key="test:abandoned").sent_at is not None


def test_a_failed_send_releases_the_claim_for_a_retry(db, settings):
    settings.EMAIL_BACKEND = "ops.tests.test_send_once.BrokenBackend"
    with pytest.raises(ConnectionRefusedError):
        send_once("test:smtp-down", "Subject", "Body", ["a@example.go.id"])
    assert not SentMail.objects.filter(key="test:smtp-down").exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_once("test:smtp-down", "Subject", "Body", ["a@example.go.id"]) is True
    assert len(mail.outbox) == 1


class BrokenBackend:
    """An SMTP server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")
