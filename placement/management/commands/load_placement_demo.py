"""``manage.py load_placement_demo``: profiles and requirements for the demo unit (idempotent)."""

from django.core.management.base import BaseCommand

from placement.demo import load_placement_demo


class Command(BaseCommand):
    help = "Gives the demo unit 'inka' competency profiles and pokja requirements (only what is missing)."

    def handle(self, *args, **options):
        unit, created = load_placement_demo()
        self.stdout.write(self.style.SUCCESS(f"Placement demo for {unit.slug}: {created} row(s) added."))
