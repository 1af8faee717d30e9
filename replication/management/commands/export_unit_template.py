from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organisation.models import Unit
from replication.template import dump, export_unit


class Command(BaseCommand):
    help = "Writes a unit's structure as a template (JSON, no personal data); see docs/template-format.md."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="slug of the unit")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, slug, output, **options):
        unit = Unit.objects.select_related("agency").filter(slug=slug).first()
        if unit is None:
            raise CommandError(_("There is no unit with the slug %(slug)s.") % {"slug": slug})
        data = dump(export_unit(unit))
        if not output:
            self.stdout.write(data.decode(), ending="")
            return
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(_("Cannot write %(path)s: %(reason)s") % {"path": output, "reason": error}) from error
        self.stderr.write(_("Template of %(unit)s written to %(path)s.") % {"unit": unit.name, "path": output})
