"""Background e-mails of the culture app, run by the django-tasks queue (immediately in the tests).

`manage.py send_pos_review_reminders` enqueues the POS review reminders, e.g. daily from cron.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from culture.models import PosVersion
from culture.services.pos import due_for_reminder
from ops.mail import send_once
from organisation.models import Membership
from organisation.selectors import today


def _link(path: str) -> str:
    return getattr(settings, "ORBIT_BASE_URL", "").rstrip("/") + path


def _ketua_email(version: PosVersion) -> str:
    """The pokja's ketua today; the unit head when the pokja has no ketua with an e-mail address."""
    pokja = version.document.pokja
    ketua = (
        Membership.objects.at(today())
        .filter(pokja=pokja, role=Membership.Role.KETUA, employee__is_active=True)
        .exclude(employee__email="")
        .values_list("employee__email", flat=True)
        .first()
    )
    head = pokja.unit.head
    return ketua or (head.email if head else "")


@task()
def send_pos_review_reminders() -> int:
    """E-mails the ketua of each pokja whose POS review is due within two weeks (once per version)."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for version in due_for_reminder():
            recipient = _ketua_email(version)
            if not recipient:
                continue
            document, pokja = version.document, version.document.pokja
            values = {"title": document.title, "code": pokja.code, "due": version.review_due.isoformat()}
            subject = _("POS review due: %(title)s (%(code)s) by %(due)s") % values
            path = reverse("culture_pos_document", args=[pokja.unit.slug, document.pk])
            body = "\n".join(
                [
                    _("The POS “%(title)s” of pokja %(code)s is due for review by %(due)s.") % values,
                    _("Current version: %(number)d, approved on %(approved)s.")
                    % {"number": version.number, "approved": timezone.localdate(version.approved_at).isoformat()},
                    _("Review it and upload the updated version for the head's approval:"),
                    _link(path),
                ]
            )
            # The key covers a run that died after sending but before reminded_at was written.
            if send_once(f"culture:pos-review:{version.pk}", subject, body, [recipient]):
                sent += 1
            PosVersion.objects.filter(pk=version.pk).update(reminded_at=timezone.now())
    return sent
