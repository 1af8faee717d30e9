"""Background work: the e-mails of the helpdesk and the warning before an SLA breach (run eagerly in tests)."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from helpdesk.models import Message, Ticket, TicketEvent
from helpdesk.selectors import WARN_HOURS, calendar_for, due_before
from ops.mail import send_once
from organisation.models import Membership, Unit
from organisation.selectors import today


def site_url(base_url: str = "") -> str:
    """Where links in e-mails point: the request's own address, else ``ORBIT_BASE_URL``."""
    return (base_url or getattr(settings, "ORBIT_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")


def tracking_link(ticket: Ticket, base_url: str = "") -> str:
    return site_url(base_url) + reverse("helpdesk_track", args=[ticket.tracking_token])


def staff_link(ticket: Ticket, base_url: str = "") -> str:
    return site_url(base_url) + reverse("helpdesk_ticket", args=[ticket.unit.slug, ticket.number])


def _latest(queryset) -> int | None:
    return queryset.order_by("-created_at", "-pk").values_list("pk", flat=True).first()


def mail_key(ticket: Ticket, event: str) -> str:
    """One key per e-mail meant: per ticket, and per reply, resolution or assignment (see ops.mail.send_once)."""
    if event == "reply":
        part = _latest(ticket.messages.filter(kind=Message.Kind.PUBLIC, by_requester=False))
    elif event == "requester-reply":
        part = _latest(ticket.messages.filter(by_requester=True))
    elif event == "resolved":
        part = _latest(ticket.events.filter(kind=TicketEvent.Kind.STATUS, to_status=Ticket.Status.SELESAI))
    elif event == "assigned":
        part = f"{_latest(ticket.events.filter(kind=TicketEvent.Kind.ASSIGNED))}:{ticket.assignee_id}"
    else:  # created, sla-warning: once per ticket
        return f"helpdesk:{event}:{ticket.pk}"
    return f"helpdesk:{event}:{ticket.pk}:{part}"


REQUESTER_SUBJECTS = {
    "created": lambda t: _("[%(reference)s] Your request has been received") % {"reference": t.reference},
    "reply": lambda t: _("[%(reference)s] New reply to your request") % {"reference": t.reference},
    "resolved": lambda t: (
        _("[%(reference)s] Your request is resolved: please rate our service") % {"reference": t.reference}
    ),
}


@task()
def notify_requester(ticket_id: int, event: str, base_url: str = "") -> bool:
    """Mails the requester their private tracking link: on creation, on a public reply, when resolved."""
    ticket = Ticket.objects.select_related("unit", "category").filter(pk=ticket_id).first()
    if ticket is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Dear %(name)s,") % {"name": ticket.requester_name},
            "",
            _("Ticket %(reference)s: %(subject)s (%(service)s, %(unit)s).")
            % {
                "reference": ticket.reference,
                "subject": ticket.subject,
                "service": ticket.category.name,
                "unit": ticket.unit.name,
            },
        ]
        if event == "resolved":
            lines.append(_("Your request has been resolved. Please tell us how we did: the survey takes a minute."))
        elif event == "reply":
            lines.append(_("There is a new reply to your request."))
        lines += [
            "",
            _("Follow and answer your request here (keep this link private):"),
            tracking_link(ticket, base_url),
        ]
        send_once(
            mail_key(ticket, event), REQUESTER_SUBJECTS[event](ticket), "\n".join(lines), [ticket.requester_email]
        )
    return True


@task()
def notify_assignee(ticket_id: int, base_url: str = "", requester_replied: bool = False) -> bool:
    """Tells the assignee a ticket is theirs, or that its requester answered."""
    ticket = Ticket.objects.select_related("unit", "assignee__user").filter(pk=ticket_id).first()
    if ticket is None or ticket.assignee is None:
        return False
    address = ticket.assignee.email or (ticket.assignee.user.email if ticket.assignee.user else "")
    if not address:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        if requester_replied:
            subject = _("[%(reference)s] The requester answered") % {"reference": ticket.reference}
        else:
            subject = _("[%(reference)s] A ticket is assigned to you") % {"reference": ticket.reference}
        body = "\n".join([f"{ticket.reference} {ticket.subject}", "", staff_link(ticket, base_url)])
        send_once(mail_key(ticket, "requester-reply" if requester_replied else "assigned"), subject, body, [address])
    return True


@task()
def notify_created(ticket_id: int, base_url: str = "") -> bool:
    """A new ticket's two mails in one task (one queue row): the requester's link, then the assignee's notice.

    The assignee's mail is tried even when the requester's fails; each is sent once however often this runs.
    """
    try:
        return notify_requester.call(ticket_id, "created", base_url)
    finally:
        notify_assignee.call(ticket_id, base_url)


@task()
def warn_before_breach(base_url: str = "") -> int:
    """Mails each at-risk ticket's pokja ketua once, some working hours before its SLA target; returns the count."""
    now = timezone.now()
    candidates = Ticket.objects.open().filter(breach_warned_at__isnull=True).select_related("unit")
    warned = 0
    for unit in Unit.objects.filter(pk__in=candidates.values("unit_id")):
        horizon = calendar_for(unit).add_hours(now, WARN_HOURS)
        tickets = list(due_before(candidates.filter(unit=unit), horizon))
        leaders = {
            m.pokja_id: m.employee
            for m in Membership.objects.at(today())
            .filter(pokja_id__in={t.pokja_id for t in tickets}, role=Membership.Role.KETUA)
            .select_related("employee")
        }
        for ticket in tickets:
            ketua = leaders.get(ticket.pokja_id)
            with transaction.atomic():
                if not Ticket.objects.filter(pk=ticket.pk, breach_warned_at__isnull=True).update(breach_warned_at=now):
                    continue  # another worker warned first
                TicketEvent.objects.create(ticket=ticket, kind=TicketEvent.Kind.WARNED, assignee=ketua)
            if ketua is not None and ketua.email:
                with translation.override(settings.LANGUAGE_CODE):
                    due = min(
                        [ticket.resolution_due] + ([] if ticket.first_response_at else [ticket.first_response_due])
                    )
                    subject = _("[%(reference)s] SLA target at %(due)s") % {
                        "reference": ticket.reference,
                        "due": timezone.localtime(due).strftime("%Y-%m-%d %H:%M"),
                    }
                    body = "\n".join([f"{ticket.reference} {ticket.subject}", "", staff_link(ticket, base_url)])
                    send_once(mail_key(ticket, "sla-warning"), subject, body, [ketua.email])
            warned += 1
    return warned
