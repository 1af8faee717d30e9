"""Background e-mails of the realisasi flow, run by the django-tasks queue.

With the database backend (the default in settings) `manage.py db_worker` runs the queue; the test settings
run tasks immediately. `manage.py send_report_reminders` enqueues the reminders, e.g. daily from cron.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ops.mail import send_once
from organisation.models import Membership
from organisation.selectors import today
from performance.models import PerformanceAgreement, Realisasi
from performance.services.reporting import overdue_reports, reminder_recipients


def _link(path: str) -> str:
    return getattr(settings, "ORBIT_BASE_URL", "").rstrip("/") + path


def _indicator_path(realisasi: Realisasi) -> str:
    indicator = realisasi.indicator
    agreement = indicator.agreement
    return reverse("indicator_detail", args=[agreement.unit.slug, agreement.year, indicator.code])


def _recipients(realisasi: Realisasi, event: str) -> set[str]:
    """Submitted: the unit head. Returned or accepted: the reporter and the responsible pokja's ketua/wakil."""
    if event == Realisasi.Status.SUBMITTED:
        head = realisasi.indicator.agreement.unit.head
        return {head.email} if head and head.email else set()
    leaders = (
        Membership.objects.at(today())
        .filter(pokja__indicators=realisasi.indicator, role__in=Membership.LEADING_ROLES, employee__is_active=True)
        .values_list("employee__email", flat=True)
    )
    emails = set(leaders)
    if realisasi.reported_by and realisasi.reported_by.email:
        emails.add(realisasi.reported_by.email)
    return {e for e in emails if e}


def _realisasi_key(realisasi: Realisasi, event: str) -> str:
    """One e-mail per step: a submission (at its time) or a review (at its time), see ops.mail.send_once."""
    moment = realisasi.submitted_at if event == Realisasi.Status.SUBMITTED else realisasi.reviewed_at
    return f"performance:realisasi:{realisasi.pk}:{event}:{moment.isoformat() if moment else '-'}"


@task()
def notify_realisasi(realisasi_id: int, event: str) -> int:
    """E-mails the people the next step of a realisasi waits for; returns the number of recipients."""
    realisasi = (
        Realisasi.objects.select_related("indicator__agreement__unit__head", "reported_by")
        .filter(pk=realisasi_id)
        .first()
    )
    if realisasi is None:
        return 0
    recipients = sorted(_recipients(realisasi, event))
    if not recipients:
        return 0
    indicator = realisasi.indicator
    with translation.override(settings.LANGUAGE_CODE):
        values = {"code": indicator.code, "period": realisasi.period, "year": indicator.agreement.year}
        subjects = {
            Realisasi.Status.SUBMITTED: _("Realisasi %(code)s period %(period)d/%(year)d awaits your verification"),
            Realisasi.Status.RETURNED: _("Realisasi %(code)s period %(period)d/%(year)d was returned"),
            Realisasi.Status.ACCEPTED: _("Realisasi %(code)s period %(period)d/%(year)d was accepted"),
        }
        body = "\n\n".join(
            part
            for part in [
                f"{indicator.code} {indicator.name}",
                _("Realisasi: %(value)s %(unit)s") % {"value": realisasi.value, "unit": indicator.unit_of_measure},
                _("Comment: %(comment)s") % {"comment": realisasi.review_comment}
                if event == Realisasi.Status.RETURNED
                else "",
                _link(_indicator_path(realisasi)),
            ]
            if part
        )
        sent = send_once(_realisasi_key(realisasi, event), subjects[event] % values, body, recipients)
    return len(recipients) if sent else 0


@task()
def send_report_reminders(agreement_id: int) -> int:
    """E-mails every member of a responsible pokja the PK's overdue reports they share; returns mails sent."""
    agreement = PerformanceAgreement.objects.select_related("unit").filter(pk=agreement_id).first()
    if agreement is None:
        return 0
    overdue = overdue_reports(agreement)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for employee, items in sorted(reminder_recipients(overdue).items(), key=lambda pair: pair[0].name):
            if not employee.email:
                continue
            lines = [
                _("%(code)s period %(period)d: %(state)s, due %(deadline)s")
                % {
                    "code": item.indicator.code,
                    "period": item.period,
                    "state": _("not reported") if item.state == "missing" else _("not submitted"),
                    "deadline": item.deadline.isoformat(),
                }
                for item in items
            ]
            board = reverse("report_board", args=[agreement.unit.slug, agreement.year])
            body = "\n".join(
                [
                    _("Dear %(name)s,") % {"name": employee.name},
                    "",
                    _("These realisasi of PK %(year)d are overdue:") % {"year": agreement.year},
                    *lines,
                    "",
                    _link(board),
                ]
            )
            subject = _("Reminder: %(count)d realisasi overdue for PK %(year)d") % {
                "count": len(items),
                "year": agreement.year,
            }
            # One reminder per person and PK a day, however often the task runs.
            key = f"performance:reminder:{agreement.pk}:{employee.pk}:{today().isoformat()}"
            if send_once(key, subject, body, [employee.email]):
                sent += 1
    return sent
