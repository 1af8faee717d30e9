"""POS review reminders, with time frozen: the ketua hears two weeks before the review date, once per version."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from culture import tasks
from culture.services import pos
from culture.tests.helpers import MAKASSAR
from organisation.models import Membership, Pokja


def on(year, month, day):
    return time_machine.travel(datetime.datetime(year, month, day, 7, tzinfo=MAKASSAR), tick=False)


@pytest.fixture
def approved(demo_unit, ketua_user, head_user):
    """POS Arsip of PAK (ketua: the ketua user), version 1 approved on 2024-03-01 with review due 2025-03-01."""
    with on(2024, 3, 1):
        document = pos.create_document(
            actor=ketua_user, pokja=Pokja.objects.get(unit=demo_unit, code="PAK"), title="POS Arsip"
        )
        version = pos.add_version(actor=ketua_user, document=document, text="Langkah")
        return pos.approve_version(actor=head_user, version=version)


def test_nothing_is_sent_before_two_weeks_ahead(approved):
    with on(2025, 2, 14):
        assert tasks.send_pos_review_reminders.enqueue().return_value == 0
    assert mail.outbox == []


def test_the_ketua_is_reminded_two_weeks_ahead_and_only_once(approved, ketua_user):
    with on(2025, 2, 15):
        assert tasks.send_pos_review_reminders.enqueue().return_value == 1
    [message] = mail.outbox
    assert message.to == [ketua_user.employee.email]
    assert "POS Arsip" in message.subject and "2025-03-01" in message.subject
    assert f"/units/inka/culture/pos/{approved.document_id}/" in message.body
    with on(2025, 2, 20):
        assert tasks.send_pos_review_reminders.enqueue().return_value == 0
    assert len(mail.outbox) == 1


def test_an_overdue_review_is_still_reminded(approved):
    with on(2025, 6, 1):
        assert tasks.send_pos_review_reminders.enqueue().return_value == 1


def test_a_newly_approved_version_moves_the_reminder(approved, ketua_user, head_user):
    with on(2025, 2, 1):
        newer = pos.add_version(actor=ketua_user, document=approved.document, text="Langkah baru")
        pos.approve_version(actor=head_user, version=newer)
    with on(2025, 2, 20):
        assert tasks.send_pos_review_reminders.enqueue().return_value == 0  # version 1 is no longer current
    with on(2026, 1, 19):
        assert tasks.send_pos_review_reminders.enqueue().return_value == 1
    assert "2026-02-01" in mail.outbox[0].subject


def test_without_a_ketua_the_head_is_reminded(approved, demo_unit):
    Membership.objects.filter(pokja__code="PAK", role="ketua").update(valid_to=datetime.date(2024, 12, 31))
    with on(2025, 2, 20):
        tasks.send_pos_review_reminders.enqueue()
    assert mail.outbox[0].to == [demo_unit.head.email]


def test_the_command_enqueues_the_reminders(approved, capsys):
    with on(2025, 2, 20):
        call_command("send_pos_review_reminders")
    assert "enqueued" in capsys.readouterr().out
    assert len(mail.outbox) == 1  # the test settings run tasks at once
