from django.core.management.base import BaseCommand

from helpdesk.demo import load_helpdesk_demo


class Command(BaseCommand):
    help = "Adds the demo unit's helpdesk (services, canned replies, tickets with surveys) once; safe to run again."

    def handle(self, *args, **options):
        unit, created = load_helpdesk_demo()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Helpdesk demo loaded: /helpdesk/{unit.slug}/ (portal)."))
        else:
            self.stdout.write(f"Helpdesk demo already present for {unit.slug}.")
