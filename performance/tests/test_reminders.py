"""Reminder e-mails for overdue realisasi: the task mails every member of a responsible pokja what they share,
the command enqueues it per PK; time is frozen and mail goes to the locmem outbox."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from organisation.models import Employee, Membership
from performance import tasks
from performance.tests.fixtures_agreements import *  # noqa: F403

MAKASSAR = zoneinfo.ZoneInfo("Asia/Makassar")


def at(year, month, day):
    return time_machine.travel(datetime.datetime(year, month, day, 9, tzinfo=MAKASSAR), tick=False)


def mail_to(employee: Employee):
    return next(m for m in mail.outbox if m.to == [employee.email])


def test_it_reminds_every_member_of_the_overdue_reports_of_their_pokja(pk2023):
    with at(2023, 10, 11):
        result = tasks.send_report_reminders.enqueue(agreement_id=pk2023.pk)
    pia = Membership.objects.filter(pokja__code="PIA", valid_to__isnull=True).select_related("employee")
    assert result.return_value == len(mail.outbox) == pia.count()
    ketua = pia.get(role="ketua").employee
    message = mail_to(ketua)
    assert "IKU.6.3" in message.body and "2023-10-10" in message.body
    assert "/units/inka/performance/2023/board/" in message.body


def test_it_tells_each_person_only_their_pokja_items(pk2023):
    with at(2024, 1, 11):
        tasks.send_report_reminders.enqueue(agreement_id=pk2023.pk)
    pak_only = (
        Employee.objects.filter(memberships__pokja__code="PAK")
        .exclude(memberships__pokja__code__in=["PIA", "PLT", "PDI"])
        .first()
    )
    body = mail_to(pak_only).body
    assert "IKU.7.2" in body and "IKU.3" in body
    assert "IKU.6.3" not in body and "IKU.7.6" not in body
    head = pk2023.unit.head
    assert all(m.to != [head.email] for m in mail.outbox)  # the head is in no pokja


def test_it_sends_nothing_when_nothing_is_overdue(pk2023):
    with at(2023, 10, 10):
        result = tasks.send_report_reminders.enqueue(agreement_id=pk2023.pk)
    assert result.return_value == 0 and mail.outbox == []


def test_the_command_enqueues_this_and_last_years_pk(pk2023, capsys):
    with at(2024, 1, 11):
        call_command("send_report_reminders")
    output = capsys.readouterr().out
    assert "inka PK 2023" in output and "1 reminder task(s) enqueued" in output
    assert len(mail.outbox) > 0  # the test settings run tasks at once


def test_the_command_refuses_an_unknown_unit(pk2023):
    with pytest.raises(CommandError):
        call_command("send_report_reminders", unit="nope", year=2023)


def test_with_the_database_queue_the_command_only_enqueues(pk2023, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with at(2024, 1, 11):
        call_command("send_report_reminders", year=2023)
    job = DBTaskResult.objects.get()
    assert job.task_path == "performance.tasks.send_report_reminders"
    assert job.args_kwargs["kwargs"] == {"agreement_id": pk2023.pk}
    assert mail.outbox == []  # `manage.py db_worker` sends them
