from django.core.management.base import BaseCommand

from organisation import demo


class Command(BaseCommand):
    help = "Loads the seed document's demo unit (Bidang Informasi Kepegawaian) once; safe to run again."

    def handle(self, *args, **options):
        unit, created = demo.load_demo()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo unit '{unit.name}' loaded (/units/{unit.slug}/)."))
        else:
            self.stdout.write(f"Demo unit '{unit.name}' is already loaded; nothing changed.")
        self.stdout.write("Demo sign-ins (password for all: %s):" % demo.DEMO_PASSWORD)
        for username, _role, _who, label in demo.LOGINS:
            self.stdout.write(f"  {username:<8} {label}")
