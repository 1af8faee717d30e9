from django.core.management.base import BaseCommand

from culture import tasks


class Command(BaseCommand):
    help = (
        "Enqueues the e-mails reminding each pokja's ketua of a POS review due within two weeks (each version is "
        "reminded once). With the database task backend, `manage.py db_worker` sends them: run this daily (cron)."
    )

    def handle(self, *args, **options):
        result = tasks.send_pos_review_reminders.enqueue()
        self.stdout.write(self.style.SUCCESS(f"POS review reminders enqueued (task {result.id})."))
