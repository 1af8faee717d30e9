"""``manage.py requeue_stale_tasks``: returns tasks of a worker that died mid-task to the queue."""

import datetime

from django.core.management.base import BaseCommand

from ops.tasks_recovery import requeue_stale_tasks


class Command(BaseCommand):
    help = (
        "Puts database-queue tasks that have been RUNNING for longer than --older-than-minutes (their worker "
        "died) back to READY so that a worker runs them again. Run it after restarting the workers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than-minutes", type=int, default=60)

    def handle(self, *args, older_than_minutes, **options):
        ids = requeue_stale_tasks(datetime.timedelta(minutes=older_than_minutes))
        self.stdout.write(f"{len(ids)} task(s) requeued.")
