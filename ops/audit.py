"""The audit history of one unit: who changed what, when, old → new, newest first.

Sources: simple-history of the structure (unit, functions, employees, pokja, memberships) and of the targets and
realisasi (indicators, period targets, realisasi); the pokja ↔ function links (ops.PokjaFunctionChange); helpdesk
ticket events; culture nominations (proposed and decided). Each source is read with a bounded number of queries
(the page's rows, their previous versions, the names they point to), so a page costs the same number of queries
however long the history is.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from culture.models import Nomination
from helpdesk.models import TicketEvent
from ops.models import PokjaFunctionChange
from organisation.models import Employee, Function, Membership, Pokja, Unit
from performance.models import Indicator, PerformanceAgreement, PeriodTarget, Realisasi

PAGE_SIZE = 25
MAX_PAGE = 40
KINDS = {
    "structure": gettext_lazy("structure"),
    "targets": gettext_lazy("targets"),
    "realisasi": gettext_lazy("realisasi"),
    "tickets": gettext_lazy("tickets"),
    "awards": gettext_lazy("awards"),
}
ACTIONS = {"+": gettext_lazy("created"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}
# Bookkeeping columns that say nothing to a reader.
HIDDEN_FIELDS = {"id", "agency", "agency_id", "updated_at", "version", "order"}


@dataclass
class Entry:
    when: datetime.datetime
    who: str
    kind: str
    subject: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])


@dataclass
class Filters:
    kind: str = ""
    username: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None


def _who(user, fallback: str = "") -> str:
    if user is None:
        return fallback or _("system")
    return user.get_full_name() or user.username


def _text(value) -> str:
    return "—" if value in (None, "") else str(value)


def _between(filters: Filters, lookup: str) -> Q:
    condition = Q()
    zone = timezone.get_current_timezone()
    if filters.since:
        start = datetime.datetime.combine(filters.since, datetime.time.min, tzinfo=zone)
        condition &= Q(**{f"{lookup}__gte": start})
    if filters.until:
        end = datetime.datetime.combine(filters.until + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
        condition &= Q(**{f"{lookup}__lt": end})
    return condition


def _history(model, scope: Q, filters: Filters, limit: int, kind: str, subject) -> list[Entry]:
    """Entries of one simple-history model: the newest ``limit`` rows, each compared with its previous one."""
    history = model.history.model
    queryset = history.objects.filter(scope).filter(_between(filters, "history_date"))
    if filters.username:
        queryset = queryset.filter(history_user__username=filters.username)
    rows = list(queryset.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
    if not rows:
        return []
    # Every version of the objects on the page, in one query, to find each row's predecessor.
    versions: dict[int, list] = {}
    for version in history.objects.filter(id__in={row.id for row in rows}).order_by("history_date", "history_id"):
        versions.setdefault(version.id, []).append(version)
    names = [f for f in history.tracked_fields if f.name not in HIDDEN_FIELDS and f.attname not in HIDDEN_FIELDS]
    labels = subject(rows)
    entries = []
    for row in rows:
        chain = versions[row.id]
        position = next(i for i, version in enumerate(chain) if version.history_id == row.history_id)
        previous = chain[position - 1] if position else None
        changes = []
        for model_field in names:
            old = getattr(previous, model_field.attname) if previous is not None else None
            new = getattr(row, model_field.attname)
            if row.history_type != "-" and old != new:
                changes.append((str(model_field.verbose_name), _text(old), _text(new)))
        entries.append(
            Entry(row.history_date, _who(row.history_user), kind, labels(row), str(ACTIONS[row.history_type]), changes)
        )
    return entries


def _by_field(label_field: str, prefix):
    return lambda rows: lambda row: f"{prefix} {getattr(row, label_field)}"


def _names(model, attname: str, text):
    """Labels for rows that point to ``model`` through ``attname``, read in one query."""

    def build(rows):
        objects = model.objects.in_bulk({getattr(row, attname) for row in rows})
        return lambda row: text(objects.get(getattr(row, attname)), row)

    return build


def _membership_labels(rows):
    employees = Employee.objects.in_bulk({row.employee_id for row in rows})
    pokja = Pokja.objects.in_bulk({row.pokja_id for row in rows})

    def label(row):
        employee, group = employees.get(row.employee_id), pokja.get(row.pokja_id)
        return _("Membership: %(employee)s in %(pokja)s") % {
            "employee": employee.name if employee else row.employee_id,
            "pokja": group.code if group else row.pokja_id,
        }

    return label


def _indicator_text(name: str):
    return lambda indicator, row: f"{name} {indicator.code if indicator else row.indicator_id} P{row.period}"


def _pokja_functions(unit: Unit, filters: Filters, limit: int) -> list[Entry]:
    queryset = PokjaFunctionChange.objects.filter(unit=unit).filter(_between(filters, "changed_at"))
    if filters.username:
        queryset = queryset.filter(changed_by__username=filters.username)
    label = str(Pokja._meta.get_field("functions").verbose_name)
    return [
        Entry(
            change.changed_at,
            _who(change.changed_by),
            "structure",
            f"{_('Pokja')} {change.pokja_code}",
            str(ACTIONS["~"]),
            [(label, _text(change.before), _text(change.after))],
        )
        for change in queryset.select_related("changed_by").order_by("-changed_at", "-id")[:limit]
    ]


def _tickets(unit: Unit, filters: Filters, limit: int) -> list[Entry]:
    queryset = TicketEvent.objects.filter(ticket__unit=unit).filter(_between(filters, "created_at"))
    if filters.username:
        queryset = queryset.filter(actor__username=filters.username)
    events = queryset.select_related("ticket", "actor", "assignee").order_by("-created_at", "-id")[:limit]
    entries = []
    for event in events:
        changes = []
        if event.from_status or event.to_status:
            changes.append((_("status"), _text(event.get_from_status_display()), _text(event.get_to_status_display())))
        if event.assignee_id:
            changes.append((_("assignee"), "—", event.assignee.name))
        if event.note:
            changes.append((_("note"), "—", event.note))
        subject = _("Ticket %(number)s") % {"number": event.ticket.number}
        who = _who(event.actor, event.actor_name)
        entries.append(Entry(event.created_at, who, "tickets", subject, event.get_kind_display(), changes))
    return entries


def _awards(unit: Unit, filters: Filters, limit: int) -> list[Entry]:
    base = Nomination.objects.filter(period__unit=unit).select_related("period")
    proposed = base.filter(_between(filters, "nominated_at"))
    decided = base.exclude(decided_at=None).filter(_between(filters, "decided_at"))
    if filters.username:
        proposed = proposed.filter(nominated_by__username=filters.username)
        decided = decided.filter(decided_by__username=filters.username)
    entries = []
    for item in proposed.select_related("nominated_by").order_by("-nominated_at", "-id")[:limit]:
        subject = _("Award: %(title)s (%(period)s)") % {"title": item.title, "period": item.period.name}
        changes = [(_("status"), "—", str(Nomination.Status.PROPOSED.label))]
        entries.append(Entry(item.nominated_at, _who(item.nominated_by), "awards", subject, _("proposed"), changes))
    for item in decided.select_related("decided_by").order_by("-decided_at", "-id")[:limit]:
        subject = _("Award: %(title)s (%(period)s)") % {"title": item.title, "period": item.period.name}
        changes = [(_("status"), str(Nomination.Status.PROPOSED.label), item.get_status_display())]
        if item.decision_note:
            changes.append((_("note"), "—", item.decision_note))
        entries.append(Entry(item.decided_at, _who(item.decided_by), "awards", subject, _("decided"), changes))
    return entries


def audit_page(unit: Unit, filters: Filters, page: int) -> tuple[list[Entry], bool]:
    """The entries of ``page`` (1-based) and whether there is a next page."""
    page = max(1, min(page, MAX_PAGE))
    limit = page * PAGE_SIZE + 1
    agreements = PerformanceAgreement.objects.filter(unit=unit).values("pk")
    indicators = Indicator.objects.filter(agreement__unit=unit).values("pk")
    pokja_ids = Pokja.history.model.objects.filter(unit_id=unit.pk).values("id")
    sources = {
        "structure": [
            (Unit, Q(id=unit.pk), _by_field("name", _("Unit:"))),
            (Function, Q(unit_id=unit.pk), _by_field("number", _("Function"))),
            (Employee, Q(unit_id=unit.pk), _by_field("name", _("Employee:"))),
            (Pokja, Q(unit_id=unit.pk), _by_field("code", _("Pokja"))),
            (Membership, Q(pokja_id__in=pokja_ids), _membership_labels),
        ],
        "targets": [
            (Indicator, Q(agreement_id__in=agreements), _by_field("code", _("Indicator"))),
            (
                PeriodTarget,
                Q(indicator_id__in=indicators),
                _names(Indicator, "indicator_id", _indicator_text(_("Target"))),
            ),
        ],
        "realisasi": [
            (
                Realisasi,
                Q(indicator_id__in=indicators),
                _names(Indicator, "indicator_id", _indicator_text(_("Realisasi"))),
            ),
        ],
    }
    entries: list[Entry] = []
    for kind, models in sources.items():
        if filters.kind in ("", kind):
            for model, scope, subject in models:
                entries.extend(_history(model, scope, filters, limit, kind, subject))
    if filters.kind in ("", "structure"):
        entries.extend(_pokja_functions(unit, filters, limit))
    if filters.kind in ("", "tickets"):
        entries.extend(_tickets(unit, filters, limit))
    if filters.kind in ("", "awards"):
        entries.extend(_awards(unit, filters, limit))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    start = (page - 1) * PAGE_SIZE
    return entries[start : start + PAGE_SIZE], len(entries) > start + PAGE_SIZE
