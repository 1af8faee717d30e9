from django.core.management.base import BaseCommand

from performance import demo


class Command(BaseCommand):
    help = "Loads the demo unit's PK 2023 (Tabel 2.1/2.2 of the seed) and PK 2026 with realisasi; safe to run again."

    def handle(self, *args, **options):
        agreement, created = demo.load_performance_demo()
        slug = agreement.unit.slug
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo performance data loaded (/units/{slug}/performance/agreements/).")
            )
        else:
            self.stdout.write("Demo performance data is already loaded; nothing changed.")
        self.stdout.write(f"  PK {demo.YEAR}: /units/{slug}/performance/{demo.YEAR}/")
        self.stdout.write(f"  PK {demo.CURRENT_YEAR}: /units/{slug}/performance/{demo.CURRENT_YEAR}/")
