from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helpdesk.survey_import import import_surveys
from organisation.models import Unit


class Command(BaseCommand):
    help = "Imports IKM survey answers (tanggal, U1..U9, optional pokja, layanan, komentar) from CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (comma or semicolon) or XLSX file with a header row")
        parser.add_argument("--unit", required=True, help="slug of the unit")
        parser.add_argument("--dry-run", action="store_true", help="check and report without writing")

    def handle(self, *args, file, unit, dry_run, **options):
        target = Unit.objects.filter(slug=unit).first()
        if target is None:
            raise CommandError(_("There is no unit with the slug %(slug)s.") % {"slug": unit})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": file})
        result = import_surveys(unit=target, file_name=path.name, data=path.read_bytes(), dry_run=dry_run)
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
        if dry_run:
            self.stdout.write(_("Dry run: the file is valid; nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(_("%(count)d survey answers imported.") % {"count": result.created}))
