from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from helpdesk.tasks import warn_before_breach


class Command(BaseCommand):
    help = "Queues the warning to pokja ketua about tickets near an SLA breach; run it from cron every 15 minutes."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing the task")

    def handle(self, *args, now, **options):
        if now:
            count = warn_before_breach.call()
            self.stdout.write(_("%(count)d tickets warned.") % {"count": count})
        else:
            result = warn_before_breach.enqueue()
            self.stdout.write(_("Queued (%(id)s).") % {"id": result.id})
