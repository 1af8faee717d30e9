"""The staff ticket page's repeated markup, built as strings: its conversation, history, canned replies, status
buttons and the reassign select.

The same markup the templates gave (see helpdesk/templatetags/helpdesk_list.py), without a template node per message
field, an include per file list and a widget template per option. Escaped as the templates would: every text from the
database or the request and every translated label goes through ``escape``; dates are the current time zone's
"Y-m-d H:i".
"""

from functools import lru_cache
from html import escape  # what django.utils.html.escape runs, without its lazy-string wrapper

from django import template
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helpdesk.forms import ReplyForm
from helpdesk.models import Ticket
from helpdesk.templatetags.helpdesk_list import field_widget

register = template.Library()
STAND_IN = 987654321  # a stand-in attachment id: one reverse() for the page's files
REPLY_FIELDS = "helpdesk/partials/reply_fields.html"


def _when(moment, zone) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _files(files, link) -> str:
    """A message's files as helpdesk/_files.html lists them: a link to each, with its size."""
    if not files:
        return ""
    head, tail = link
    items = "".join(
        f'<li><a href="{head}{f["pk"]}{tail}" data-file="{escape(f["name"])}">{escape(f["name"])}</a> '
        f'<span class="muted">({filesizeformat(f["size"])})</span></li>'
        for f in files
    )
    return f'<ul class="files">{items}</ul>\n'


@register.simple_tag
def conversation(ticket, messages, files, unit) -> SafeString:
    """The request itself, then a <li> per message (values of helpdesk.selectors.ticket_conversation), each with its
    files; an internal note is marked as one."""
    link = reverse("helpdesk_file", args=[unit.slug, STAND_IN]).rsplit(str(STAND_IN), 1)
    zone = timezone.get_current_timezone()
    internal_note = escape(_("internal note"))
    lines = [
        f'<li class="message by-requester"><header><strong>{escape(ticket.requester_name)}</strong> · '
        f"{_when(ticket.created_at, zone)}</header>{linebreaks(ticket.description, autoescape=True)}"
        f"{_files(files.get(None), link)}</li>"
    ]
    for m in messages:
        internal = m["kind"] == "internal"
        kind = "internal" if internal else "by-requester" if m["by_requester"] else "by-staff"
        note = f" · <em>{internal_note}</em>" if internal else ""
        lines.append(
            f'<li class="message {kind}" data-message="{m["pk"]}" data-kind="{escape(m["kind"])}">'
            f"<header><strong>{escape(m['author_name'])}</strong> · {_when(m['created_at'], zone)}{note}</header>"
            f"{linebreaks(m['body'], autoescape=True)}{_files(files.get(m['pk']), link)}</li>"
        )
    return mark_safe("\n    ".join(lines))


@register.simple_tag
def history(events) -> SafeString:
    """A <li> per event (values of helpdesk.selectors.ticket_history): when, who, and what changed."""
    zone = timezone.get_current_timezone()
    labels = dict(Ticket.Status.choices)
    created = escape(_("created the ticket"))
    lines = []
    for e in events:
        kind, name = e["kind"], e["assignee__name"] or "—"
        if kind == "created":
            text = created
        elif kind == "assigned":
            text = escape(_("assigned to %(name)s") % {"name": name})
        elif kind == "status":
            before, after = (labels.get(s, s) for s in (e["from_status"], e["to_status"]))
            text = f"{escape(str(before))} → {escape(str(after))}"
        else:
            text = escape(_("SLA warning sent to %(name)s") % {"name": name})
        lines.append(
            f'<li data-event="{escape(kind)}"><span class="muted">{_when(e["created_at"], zone)}</span> '
            f"{escape(e['actor_name'] or 'Orbit')}:\n        {text}\n      </li>"
        )
    return mark_safe("\n    ".join(lines))


@register.simple_tag
def canned_options(canned) -> SafeString:
    """An <option> per canned reply (values of helpdesk.selectors.canned_replies), its text in ``data-body`` for
    helpdesk.js."""
    options = (
        f'<option value="{c["pk"]}" data-body="{escape(c["body"])}">{escape(c["title"])}</option>' for c in canned
    )
    return mark_safe("".join(options))


@register.simple_tag
def status_buttons(ticket, transitions) -> SafeString:
    """A submit button per status the ticket may move to; back to "in progress" from a done ticket is a reopening."""
    lines = []
    for status in transitions:
        reopens = ticket.is_done and status == Ticket.Status.DIPROSES
        label = _("Reopen") if reopens else capfirst(str(status.label))
        lines.append(
            f'<button type="submit" name="status" value="{status.value}" data-status="{status.value}" '
            f'class="secondary">{escape(label)}</button>'
        )
    return mark_safe("\n      ".join(lines))


@register.simple_tag
def reassign_select(form) -> SafeString:
    """The reassign form's select of the pokja's members (a widget template per option before)."""
    return mark_safe(field_widget(form["assignee"]))


@lru_cache(maxsize=8)
def _blank_reply_fields(language: str | None) -> str:
    return render_to_string(REPLY_FIELDS, {"reply_form": ReplyForm()})


@register.simple_tag
def reply_fields(form) -> SafeString:
    """The reply form's fields: an empty form's markup is the same on every page in a language, so it is rendered
    once per language; a form sent back with errors or values is rendered as it is."""
    if form.is_bound:
        return mark_safe(render_to_string(REPLY_FIELDS, {"reply_form": form}))
    return mark_safe(_blank_reply_fields(get_language()))
