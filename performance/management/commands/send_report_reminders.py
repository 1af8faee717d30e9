from django.core.management.base import BaseCommand, CommandError

from organisation.selectors import today
from performance import tasks
from performance.models import PerformanceAgreement


class Command(BaseCommand):
    help = (
        "Enqueues reminder e-mails about overdue realisasi (the 'belum lapor' board) for this year's and last "
        "year's PK of every unit. With the database task backend, `manage.py db_worker` sends them: run this "
        "command daily (cron) and keep a db_worker running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="only this unit (slug)")
        parser.add_argument("--year", type=int, help="only the PK of this year")

    def handle(self, *args, unit=None, year=None, **options):
        years = [year] if year else [today().year, today().year - 1]
        agreements = PerformanceAgreement.objects.filter(year__in=years).select_related("unit")
        if unit:
            agreements = agreements.filter(unit__slug=unit)
            if not agreements.exists():
                raise CommandError(f"No PK for unit '{unit}' in {', '.join(map(str, years))}.")
        count = 0
        for agreement in agreements.order_by("unit__slug", "year"):
            tasks.send_report_reminders.enqueue(agreement_id=agreement.pk)
            count += 1
            self.stdout.write(f"Reminders enqueued for {agreement.unit.slug} PK {agreement.year}.")
        self.stdout.write(self.style.SUCCESS(f"{count} reminder task(s) enqueued."))
