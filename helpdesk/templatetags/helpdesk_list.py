"""The staff ticket list's repeated markup, built as strings: its 25 rows and its filter form, on every list,
search and filter.

The same markup the templates gave, for a fraction of the cost of a template node per cell and of a widget template
per option (see performance/templatetags/dashboard_rows.py). Escaped as the templates would: every text from the
database or the request and every translated label goes through ``escape``; dates are the current time zone's
"Y-m-d H:i".
"""

from html import escape  # what django.utils.html.escape runs, without its lazy-string wrapper

from django import forms, template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from helpdesk.models import Ticket
from helpdesk.models.tickets import ticket_reference

register = template.Library()
NUMBER = 987654321  # a stand-in ticket number: one reverse() for the whole table


def _when(moment, zone) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


@register.simple_tag
def ticket_rows(tickets, unit, now) -> SafeString:
    """A <tr> per ticket (values of helpdesk.views.staff.ROW_FIELDS): reference, subject, requester, service,
    assignee, status, created and resolution due; an open ticket past its resolution target is marked breached."""
    link = reverse("helpdesk_ticket", args=[unit.slug, NUMBER])
    head, tail = link.rsplit(str(NUMBER), 1)
    zone = timezone.get_current_timezone()
    labels = {code: escape(str(label)) for code, label in Ticket.Status.choices}
    lines = []
    for t in tickets:
        number, status = t["number"], t["status"]
        breached = ' class="breached"' if status in Ticket.OPEN_STATUSES and t["resolution_due"] < now else ""
        assignee = "—" if t["assignee__name"] is None else escape(t["assignee__name"])
        lines.append(
            f'<tr data-ticket="{number}"{breached}>'
            f'<td><a href="{head}{number}{tail}">{ticket_reference(number)}</a></td>'
            f"<td>{escape(t['subject'])}</td>"
            f'<td>{escape(t["requester_name"])}<br><span class="muted">{escape(t["requester_agency"])}</span></td>'
            f'<td>{escape(t["category__name"])} <span class="muted">{escape(t["pokja__code"])}</span></td>'
            f"<td>{assignee}</td>"
            f'<td><span class="status status-{status}" data-status="{status}">{labels[status]}</span></td>'
            f"<td>{_when(t['created_at'], zone)}</td><td>{_when(t['resolution_due'], zone)}</td>"
            "</tr>"
        )
    if not lines:
        lines.append(f'<tr><td colspan="8" class="muted">{escape(_("No ticket matches."))}</td></tr>')
    return mark_safe("\n".join(lines))


def field_widget(field) -> str:
    """A text input or a select as Django's widget templates render it; any other widget, or a field with an error
    (its aria attributes), through its template."""
    widget, value = field.field.widget, field.value()
    if field.errors:
        return str(field)
    name, id_ = escape(field.html_name), escape(field.auto_id)
    if type(widget) is forms.TextInput and not widget.attrs:
        shown = "" if value in (None, "") else f' value="{escape(str(value))}"'
        return f'<input type="text" name="{name}"{shown} id="{id_}">'
    if type(widget) is forms.Select and not widget.attrs:
        chosen = "" if value is None else str(value)
        options = "".join(
            f'  <option value="{escape(str(code))}"{" selected" if str(code) == chosen else ""}>'
            f"{escape(str(label))}</option>\n\n"
            for code, label in field.field.choices
        )
        return f'<select name="{name}" id="{id_}">\n{options}</select>'
    return str(field)


@register.simple_tag
def filter_fields(form) -> SafeString:
    """Each field of the list's filter form in its label: ``<label>Search <input ...></label>``."""
    return mark_safe("".join(f"<label>{escape(str(field.label))} {field_widget(field)}</label>" for field in form))
