"""Structure health: what in a unit's orbit structure needs the head's attention, as of a date."""

import datetime
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisation.models import Function, Membership, Unit
from organisation.selectors import structure


class Severity:
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    pokja: str | None = None  # pokja code
    employee: str | None = None  # NIP
    function: int | None = None  # function (tusi) number

    def as_dict(self) -> dict:
        return asdict(self)


def find_issues(unit: Unit, at: datetime.date | None = None) -> list[Finding]:
    """Every finding for the unit on ``at`` (default today), most severe first; five queries."""
    current = structure(unit, at)
    findings: list[Finding] = []

    if unit.head_id is None:
        findings.append(Finding("UNIT_NO_HEAD", Severity.WARNING, _("The unit has no head (the orbit's centre).")))

    members_of_pokja: dict[int, set[int]] = {}
    for view in current.pokja:
        pokja = view.pokja
        members_of_pokja[pokja.pk] = {m.employee_id for m in view.memberships}
        if view.ketua is None:
            findings.append(
                Finding(
                    "POKJA_NO_KETUA",
                    Severity.ERROR,
                    _("Pokja %(code)s has no ketua.") % {"code": pokja.code},
                    pokja=pokja.code,
                )
            )
        if view.wakil is None:
            findings.append(
                Finding(
                    "POKJA_NO_WAKIL",
                    Severity.WARNING,
                    _("Pokja %(code)s has no wakil.") % {"code": pokja.code},
                    pokja=pokja.code,
                )
            )
        size = len(members_of_pokja[pokja.pk])
        if size < 2:
            findings.append(
                Finding(
                    "POKJA_TOO_SMALL",
                    Severity.ERROR,
                    ngettext(
                        "Pokja %(code)s has %(count)d member: its tasks depend on one person.",
                        "Pokja %(code)s has %(count)d members: its tasks depend on one person or nobody.",
                        size,
                    )
                    % {"code": pokja.code, "count": size},
                    pokja=pokja.code,
                )
            )

    functions = Function.objects.filter(unit=unit).prefetch_related("pokja").order_by("number")
    for function in functions:
        covering = [p.pk for p in function.pokja.all() if p.unit_id == unit.pk]
        if not covering:
            findings.append(
                Finding(
                    "FUNCTION_UNCOVERED",
                    Severity.ERROR,
                    _("Function %(number)d (%(text)s) is not covered by any pokja.")
                    % {"number": function.number, "text": _shorten(function.description)},
                    function=function.number,
                )
            )
            continue
        people = set().union(*(members_of_pokja.get(pk, set()) for pk in covering))
        if len(people) == 1:
            findings.append(
                Finding(
                    "FUNCTION_ONE_PERSON",
                    Severity.WARNING,
                    _("Function %(number)d rests on a single person across the pokja that cover it.")
                    % {"number": function.number},
                    function=function.number,
                )
            )

    pokja_count: dict[int, int] = defaultdict(int)
    leads: dict[int, list[str]] = defaultdict(list)
    for view in current.pokja:
        for membership in view.memberships:
            pokja_count[membership.employee_id] += 1
            if membership.role in Membership.LEADING_ROLES:
                leads[membership.employee_id].append(f"{membership.get_role_display()} {view.pokja.code}")

    low, high = unit.min_pokja_per_employee, unit.max_pokja_per_employee
    for employee in current.staff:
        count = pokja_count[employee.pk]
        if count < low or count > high:
            code = "EMPLOYEE_BELOW_RANGE" if count < low else "EMPLOYEE_ABOVE_RANGE"
            findings.append(
                Finding(
                    code,
                    Severity.WARNING,
                    _("%(name)s is in %(count)d pokja; the unit expects %(low)d to %(high)d.")
                    % {"name": employee.name, "count": count, "low": low, "high": high},
                    employee=employee.nip,
                )
            )
        if len(leads[employee.pk]) > 1:
            findings.append(
                Finding(
                    "EMPLOYEE_LEADS_MANY",
                    Severity.ERROR,
                    _("%(name)s leads more than one pokja (%(roles)s).")
                    % {"name": employee.name, "roles": ", ".join(leads[employee.pk])},
                    employee=employee.nip,
                )
            )

    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
