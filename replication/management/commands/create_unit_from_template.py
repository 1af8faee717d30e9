from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Agency
from replication.template import TemplateError, check_target, create_unit, parse_template, plan


class Command(BaseCommand):
    help = "Creates a unit of an agency from a template file; all of it or nothing, non-zero exit on errors."

    def add_arguments(self, parser):
        parser.add_argument("file", help="template file (JSON) written by export_unit_template or the unit page")
        parser.add_argument("--agency", required=True, help="slug of the agency that gets the unit")
        parser.add_argument("--name", required=True, help="name of the new unit")
        parser.add_argument("--slug", required=True, help="address (slug) of the new unit")
        parser.add_argument("--year", type=int, help="year of the performance agreement (default: this year)")
        parser.add_argument("--dry-run", action="store_true", help="check and report without writing")

    def handle(self, *args, file, agency, name, slug, year, dry_run, **options):
        target = Agency.objects.filter(slug=agency).first()
        if target is None:
            raise CommandError(_("There is no agency with the slug %(slug)s.") % {"slug": agency})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": file})
        if path.stat().st_size > settings.ORBIT_IMPORT_MAX_BYTES:
            raise CommandError(
                _("The file is too large (%(size)d bytes; at most %(limit)d).")
                % {"size": path.stat().st_size, "limit": settings.ORBIT_IMPORT_MAX_BYTES}
            )
        year = year or timezone.localdate().year
        try:
            template = parse_template(path.read_bytes())
            errors = check_target(agency=target, name=name, slug=slug, year=year)
            if errors:
                raise TemplateError([message for messages in errors.values() for message in messages])
            if dry_run:
                self.report(template, target, year)
                return
            # The command is the system acting: no user, so no permission check.
            unit = create_unit(template, agency=target, name=name, slug=slug, user=None, year=year)
        except TemplateError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError(_("%(file)s cannot be used; nothing was created.") % {"file": path.name}) from error
        self.stdout.write(
            self.style.SUCCESS(_("Unit %(name)s created (/units/%(slug)s/).") % {"name": unit.name, "slug": unit.slug})
        )

    def report(self, template, agency, year):
        summary = plan(template, agency=agency, year=year)
        counts = {
            "pokja": summary.pokja,
            "tasks": summary.tasks,
            "functions": summary.functions,
            "requirements": summary.requirements,
            "competencies": len(summary.new_competencies),
            "indicators": summary.indicators,
        }
        self.stdout.write(
            _(
                "Dry run, nothing written. It would create %(pokja)d pokja with %(tasks)d tasks, %(functions)d "
                "functions, %(requirements)d pokja requirements, %(competencies)d new competencies and "
                "%(indicators)d indicators."
            )
            % counts
        )
