"""Background tasks with the database queue survive a worker restart: nothing lost, nothing done twice.

A worker processes part of the queue and stops; another claims a task and dies hard (its row stays RUNNING);
the restarted worker runs the rest, and ``requeue_stale_tasks`` returns the dead worker's task to the queue.
Each realisasi notification reaches the head exactly once.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from performance import tasks
from performance.models import Realisasi
from performance.tests.fixtures_agreements import *  # noqa: F403


def work(**options):
    """One worker run that stops when the queue is empty (``db_worker --batch``)."""
    call_command("db_worker", batch=True, startup_delay=False, interval=0.01, verbosity=0, **options)


def statuses() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("status", flat=True))


@pytest.mark.django_db(transaction=True)
def test_it_loses_and_doubles_nothing_across_a_partial_run_a_dead_worker_and_a_restart(settings, iku_72):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    head = iku_72.agreement.unit.head
    head.email = "kepala@inka.example"
    head.save()
    realisasi = list(Realisasi.objects.filter(indicator=iku_72).order_by("period")[:3])
    assert len(realisasi) == 3
    for item in realisasi:
        tasks.notify_realisasi.enqueue(realisasi_id=item.pk, event="submitted")
    assert len(mail.outbox) == 0 and statuses() == ["READY"] * 3

    work(max_tasks=1)  # the first worker stops after one task (a deploy restarts it)
    assert len(mail.outbox) == 1

    with transaction.atomic():  # as a worker claims a task; then it gets SIGKILL and the row stays RUNNING
        dying = DBTaskResult.objects.ready().get_locked()
        dying.claim("worker-killed-mid-task")
    DBTaskResult.objects.filter(pk=dying.pk).update(started_at=timezone.now() - datetime.timedelta(hours=2))

    work()  # the restarted worker runs what is READY and leaves the dead worker's task alone
    assert len(mail.outbox) == 2
    assert statuses() == ["RUNNING", "SUCCESSFUL", "SUCCESSFUL"]

    out = io.StringIO()
    call_command("requeue_stale_tasks", older_than_minutes=60, stdout=out)
    assert "1 task(s) requeued" in out.getvalue()
    work()
    work()  # an idle extra run finds nothing

    assert statuses() == ["SUCCESSFUL"] * 3
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 3 and len(set(subjects)) == 3
    assert all(message.to == ["kepala@inka.example"] for message in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_it_does_not_requeue_a_task_that_is_still_within_its_time(settings, iku_72):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks.notify_realisasi.enqueue(realisasi_id=Realisasi.objects.filter(indicator=iku_72).first().pk, event="x")
    with transaction.atomic():
        DBTaskResult.objects.ready().get_locked().claim("busy-worker")

    call_command("requeue_stale_tasks", older_than_minutes=60, stdout=io.StringIO())

    assert statuses() == ["RUNNING"]
