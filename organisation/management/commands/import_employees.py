import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisation.importer import import_employees
from organisation.models import Unit
from organisation.selectors import today


class Command(BaseCommand):
    help = "Imports employees and pokja memberships from a CSV or XLSX file into a unit; all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (comma or semicolon) or XLSX file with a header row")
        parser.add_argument("--unit", required=True, help="slug of the unit")
        parser.add_argument("--from", dest="start", help="first day of the memberships, YYYY-MM-DD (default today)")
        parser.add_argument("--dry-run", action="store_true", help="check and report without writing")

    def handle(self, *args, file, unit, start, dry_run, **options):
        target = Unit.objects.filter(slug=unit).first()
        if target is None:
            raise CommandError(_("There is no unit with the slug %(slug)s.") % {"slug": unit})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": file})
        try:
            start = datetime.date.fromisoformat(start) if start else today()
        except ValueError as error:
            raise CommandError(_("--from must be a date as YYYY-MM-DD, not %(value)s.") % {"value": start}) from error

        # The command is the system acting: no user, so no permission check.
        result = import_employees(
            actor=None, unit=target, file_name=path.name, data=path.read_bytes(), start=start, dry_run=dry_run
        )
        if result.errors:
            for line, message in result.errors:
                self.stderr.write(
                    _("line %(line)d: %(message)s") % {"line": line, "message": message} if line else message
                )
            count = len(result.errors)
            raise CommandError(
                ngettext(
                    "%(count)d error in %(file)s; nothing was imported.",
                    "%(count)d errors in %(file)s; nothing was imported.",
                    count,
                )
                % {"count": count, "file": path.name}
            )
        counts = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "memberships": result.memberships,
            "ended": result.ended,
            "start": start.isoformat(),
        }
        summary = _(
            "%(created)d employees created, %(updated)d updated, %(unchanged)d unchanged; "
            "%(memberships)d memberships from %(start)s, %(ended)d earlier roles ended the day before."
        )
        if dry_run:
            summary = _("Dry run, nothing written. It would be: %(summary)s") % {"summary": summary % counts}
            self.stdout.write(summary)
        else:
            self.stdout.write(self.style.SUCCESS(summary % counts))
