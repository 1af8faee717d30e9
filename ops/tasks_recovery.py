"""Background tasks across worker restarts, with the database backend (django-tasks-db).

What django-tasks-db guarantees (version 0.13, read from its worker):

- An enqueued task is a row (READY) in the database: it survives any restart of the web or worker processes.
- A worker claims one row at a time in an exclusive transaction (``SELECT ... FOR UPDATE SKIP LOCKED`` on
  PostgreSQL) and marks it RUNNING before running it: two workers never run the same task.
- On SIGTERM/SIGINT a worker finishes its current task, records the result and exits (a second signal
  interrupts the task, which is recorded as FAILED). Tasks it had not claimed stay READY for the next worker.
- A worker that dies hard (SIGKILL, power loss, OOM) leaves its claimed task RUNNING forever: django-tasks-db
  has no heartbeat and never retries it. ``manage.py requeue_stale_tasks`` puts such tasks back to READY once
  they have been RUNNING longer than any task may take; the task then runs again, so it must be idempotent
  (Orbit's periodic tasks mark what they did, e.g. ``breach_warned_at``, ``reminded_at``).
"""

import datetime

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_stale_tasks(older_than: datetime.timedelta) -> list[str]:
    """Puts RUNNING tasks claimed longer than ``older_than`` ago back in the queue; returns their ids."""
    cutoff = timezone.now() - older_than
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    ids = [str(pk) for pk in stale.values_list("pk", flat=True)]
    DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )
    return ids
