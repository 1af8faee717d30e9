"""Measured facts behind award suggestions: one function per source, each returning plain dataclasses.

Sources: the structure (contributions across pokja, leading roles), culture's own records (lembur attended, POS
versions approved) and, when those apps offer the read, performance (indicators on target per pokja, dialog
follow-ups done) and helpdesk (tickets resolved, IKM per pokja). Other apps are reached only through a small
read function of their ``selectors``, imported at call time: a missing function means no facts from there.

Expected reads (called only when they exist):
- ``performance.selectors.pokja_on_target(unit, start, end)`` → rows ``{"pokja_code", "on_target", "indicators"}``
- ``performance.selectors.follow_ups_done(unit, start, end)`` → rows ``{"nip", "name", "done", "total"}``
- ``helpdesk.selectors.ticket_figures(unit, start, end)`` → ``{"assignee": [...], "pokja": [...]}`` rows with
  ``tickets`` and ``resolved`` (and ``within_sla`` when offered)
- ``helpdesk.selectors.ikm_report(unit, start, end, pokja_id=...)`` → ``.result`` (``score_display``, ``grade``)
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from culture.models import Event, PosVersion
from organisation.models import Membership, Pokja, Unit

EMPLOYEE, POKJA, STAKEHOLDER = "employee", "pokja", "stakeholder"
GOOD_IKM_GRADES = ("A", "B")


@dataclass(frozen=True)
class Subject:
    """Who a fact is about: a person (key = NIP), a pokja (key = code) or a stakeholder agency (key = name)."""

    kind: str
    key: str
    label: str


@dataclass
class Fact:
    subject: Subject
    source: str  # organisation / culture / performance / helpdesk
    text: str
    numbers: dict = field(default_factory=dict)  # JSON-safe: ints and strings
    value: str = ""  # the code of the BerAKHLAK value the fact shows
    weight: int = 1

    def as_json(self) -> dict:
        return {"source": self.source, "text": self.text, "numbers": self.numbers, "value": self.value}


def _person(employee) -> Subject:
    return Subject(EMPLOYEE, employee.nip, employee.name)


def _pokja(pokja) -> Subject:
    return Subject(POKJA, pokja.code, f"{pokja.code} — {pokja.name}")


def organisation_facts(unit: Unit, start: datetime.date, end: datetime.date) -> list[Fact]:
    """People in more pokja than the unit asks for, and people who led a pokja, during the period: one query."""
    memberships = (
        Membership.objects.filter(pokja__unit=unit, employee__is_active=True, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .select_related("employee", "pokja")
        .order_by("employee__name", "employee_id", "pokja__order", "pokja__code")
    )
    codes, leading, people = defaultdict(list), defaultdict(list), {}
    for membership in memberships:
        employee, code = membership.employee, membership.pokja.code
        people[employee.pk] = employee
        if code not in codes[employee.pk]:
            codes[employee.pk].append(code)
        if membership.role in Membership.LEADING_ROLES:
            role = f"{membership.get_role_display()} {code}"
            if role not in leading[employee.pk]:
                leading[employee.pk].append(role)
    facts = []
    for pk, employee in people.items():
        count = len(codes[pk])
        if count > unit.min_pokja_per_employee:
            text = _(
                "Contributed to %(count)d pokja in the period (%(codes)s), more than the unit's minimum of %(min)d."
            )
            numbers = {"pokja": count, "codes": ", ".join(codes[pk]), "minimum": unit.min_pokja_per_employee}
            facts.append(
                Fact(
                    _person(employee),
                    "organisation",
                    text % {"count": count, "codes": numbers["codes"], "min": unit.min_pokja_per_employee},
                    numbers,
                    "kolaboratif",
                    count - unit.min_pokja_per_employee,
                )
            )
        if leading[pk]:
            roles = ", ".join(leading[pk])
            text = _("Led %(count)d pokja in the period: %(roles)s.") % {"count": len(leading[pk]), "roles": roles}
            numbers = {"leading_roles": len(leading[pk]), "roles": roles}
            facts.append(Fact(_person(employee), "organisation", text, numbers, "kolaboratif", len(leading[pk])))
    return facts


def culture_facts(unit: Unit, start: datetime.date, end: datetime.date) -> list[Fact]:
    """Lembur sessions attended per person, POS versions approved per pokja, in the period: two queries."""
    attendance = (
        Event.attendees.through.objects.filter(
            event__unit=unit, event__kind=Event.Kind.LEMBUR, event__starts_at__date__gte=start
        )
        .filter(event__starts_at__date__lte=end, employee__is_active=True)
        .select_related("employee", "event__task", "event__pokja")
        .order_by("employee__name", "employee_id", "event__starts_at")
    )
    sessions, people = defaultdict(list), {}
    for row in attendance:
        people[row.employee_id] = row.employee
        sessions[row.employee_id].append(row.event)
    facts = []
    for pk, employee in people.items():
        events = sessions[pk]
        hours = sum(event.hours for event in events)
        tasks = []
        for event in events:
            label = f"{event.pokja.code}: {event.task.text}" if event.task and event.pokja else event.title
            if label not in tasks:
                tasks.append(label)
        text = _("Attended %(count)d lembur session(s), %(hours)s hours in all, for: %(tasks)s.") % {
            "count": len(events),
            "hours": f"{hours:g}",
            "tasks": "; ".join(tasks),
        }
        numbers = {"sessions": len(events), "hours": f"{hours:g}"}
        facts.append(Fact(_person(employee), "culture", text, numbers, "loyal", len(events)))

    approved = (
        PosVersion.objects.approved()
        .filter(document__pokja__unit=unit, approved_at__date__gte=start, approved_at__date__lte=end)
        .select_related("document__pokja")
        .order_by("document__pokja__order", "document__pokja__code", "document__title", "number")
    )
    reviewed = defaultdict(list)
    for version in approved:
        reviewed[version.document.pokja].append(f"{version.document.title} v{version.number}")
    for pokja, titles in reviewed.items():
        text = _("Reviewed and approved %(count)d POS version(s) in the period: %(titles)s.") % {
            "count": len(titles),
            "titles": ", ".join(titles),
        }
        facts.append(Fact(_pokja(pokja), "culture", text, {"pos_versions": len(titles)}, "akuntabel", len(titles)))
    return facts


def _pokja_by_code(unit: Unit) -> dict[str, Pokja]:
    return {p.code: p for p in Pokja.objects.filter(unit=unit)}


def performance_facts(unit: Unit, start: datetime.date, end: datetime.date) -> list[Fact]:
    """Indicators on target per pokja and dialog follow-ups done per person, if performance offers them."""
    facts = []
    try:
        from performance.selectors import pokja_on_target
    except (ImportError, AttributeError):
        pokja_on_target = None
    if pokja_on_target is not None:
        pokja = _pokja_by_code(unit)
        for row in pokja_on_target(unit, start, end):
            group = pokja.get(row["pokja_code"])
            if group is None or not row["on_target"]:
                continue
            text = _("%(on)d of %(total)d indicators on target.") % {"on": row["on_target"], "total": row["indicators"]}
            numbers = {"on_target": int(row["on_target"]), "indicators": int(row["indicators"])}
            facts.append(Fact(_pokja(group), "performance", text, numbers, "kompeten", int(row["on_target"])))
    try:
        from performance.selectors import follow_ups_done
    except (ImportError, AttributeError):
        follow_ups_done = None
    if follow_ups_done is not None:
        for row in follow_ups_done(unit, start, end):
            if not row["done"]:
                continue
            text = _("Completed %(done)d of %(total)d dialog follow-ups.") % {
                "done": row["done"],
                "total": row["total"],
            }
            numbers = {"done": int(row["done"]), "total": int(row["total"])}
            subject = Subject(EMPLOYEE, row["nip"], row["name"])
            facts.append(Fact(subject, "performance", text, numbers, "akuntabel", int(row["done"])))
    return facts


def _tickets_fact(subject: Subject, row: dict) -> Fact:
    within = row.get("within_sla")
    values = {"resolved": int(row["resolved"]), "tickets": int(row["tickets"])}
    if within is None:
        text = _("Resolved %(resolved)d of %(tickets)d helpdesk tickets received in the period.") % values
    else:
        values["within_sla"] = int(within)
        text = _("Resolved %(resolved)d of %(tickets)d helpdesk tickets of the period, %(within_sla)d within SLA.")
        text = text % values
    return Fact(subject, "helpdesk", text, values, "berorientasi-pelayanan", 1)


def helpdesk_facts(unit: Unit, start: datetime.date, end: datetime.date) -> list[Fact]:
    """Tickets resolved per person and pokja, and a good IKM per pokja, if helpdesk offers them."""
    facts = []
    pokja = _pokja_by_code(unit)
    try:
        from helpdesk.selectors import ticket_figures
    except (ImportError, AttributeError):
        ticket_figures = None
    if ticket_figures is not None:
        figures = ticket_figures(unit, start, end)
        for row in figures.get("assignee", []):
            if row.get("assignee__nip") and row.get("resolved"):
                facts.append(_tickets_fact(Subject(EMPLOYEE, row["assignee__nip"], row["assignee__name"]), row))
        for row in figures.get("pokja", []):
            if row.get("pokja__code") in pokja and row.get("resolved"):
                facts.append(_tickets_fact(_pokja(pokja[row["pokja__code"]]), row))
    try:
        from helpdesk.selectors import ikm_report
    except (ImportError, AttributeError):
        ikm_report = None
    if ikm_report is not None:
        for group in pokja.values():
            result = ikm_report(unit, start, end, pokja_id=group.pk).result
            if result is None or result.grade not in GOOD_IKM_GRADES:
                continue
            score = str(result.score_display)
            text = _("IKM %(score)s (grade %(grade)s) from %(respondents)d respondents.") % {
                "score": score,
                "grade": result.grade,
                "respondents": result.respondents,
            }
            numbers = {"ikm": score, "grade": result.grade, "respondents": result.respondents}
            facts.append(Fact(_pokja(group), "helpdesk", text, numbers, "berorientasi-pelayanan", 1))
    return facts


def all_facts(unit: Unit, start: datetime.date, end: datetime.date) -> list[Fact]:
    return [
        *organisation_facts(unit, start, end),
        *culture_facts(unit, start, end),
        *performance_facts(unit, start, end),
        *helpdesk_facts(unit, start, end),
    ]
