"""``manage.py restore INPUT.zip [--force]``: loads a backup made by ``manage.py backup``."""

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restores a backup zip into an empty, migrated database (use --force to replace existing data)."

    def add_arguments(self, parser):
        parser.add_argument("input", help="The zip file written by manage.py backup.")
        parser.add_argument("--force", action="store_true", help="Replace the data of a database that is not empty.")

    def handle(self, *args, input, force, **options):
        try:
            manifest = restore_backup(input, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"{input}: restored {rows} rows and {len(manifest['files'])} files; counts and hashes match.")
