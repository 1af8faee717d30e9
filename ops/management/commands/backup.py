"""``manage.py backup OUTPUT.zip``: every app's rows and every uploaded file, with a manifest."""

from django.core.management.base import BaseCommand

from ops.backup import create_backup


class Command(BaseCommand):
    help = "Writes a backup (all data and uploaded files, with a manifest) to a zip file."

    def add_arguments(self, parser):
        parser.add_argument("output", help="The zip file to write.")

    def handle(self, *args, output, **options):
        manifest = create_backup(output)
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"{output}: {rows} rows, {len(manifest['files'])} files.")
