"""The dashboard's groupings of the rows of ``performance.selectors.indicator_table``: per SS, per pokja and per
person. Each takes the rows it is given (no further queries for the rows)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from organisation.models import Employee, Membership, Pokja, Unit
from performance.models import PerformanceAgreement
from performance.selectors import IndicatorRow, once


@dataclass(eq=False)
class Group:
    """Indicators gathered under an SS, a pokja or a person, with how many are in each status."""

    key: object
    rows: list[IndicatorRow]
    pokja_codes: list[str] = field(default_factory=list)

    @once
    def codes_by_status(self) -> list[tuple[str, list[str]]]:
        """(status, indicator codes) for the statuses present, on track first; "none" for no capaian."""
        codes = {"on_track": [], "at_risk": [], "behind": [], "none": []}
        for row in self.rows:
            codes[row.status or "none"].append(row.indicator.code)
        return [(status, found) for status, found in codes.items() if found]

    @once
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(["on_track", "at_risk", "behind", "no_data"], 0)
        for row in self.rows:
            counts[row.status or "no_data"] += 1
        return counts


def by_objective(agreement: PerformanceAgreement, rows: list[IndicatorRow]) -> list[Group]:
    """Every SS of the agreement in order, with its indicators (one query for the SS)."""
    groups = {ss.pk: Group(ss, []) for ss in agreement.objectives.order_by("order", "code")}
    for row in rows:
        groups[row.indicator.objective_id].rows.append(row)
    return list(groups.values())


def by_pokja(pokja: list, rows: list[IndicatorRow]) -> list[Group]:
    """Each pokja with the indicators it is responsible for."""
    groups = {p.code: Group(p, []) for p in pokja}
    for row in rows:
        for code in row.pokja_codes:
            if code in groups:
                groups[code].rows.append(row)
    return list(groups.values())


@dataclass(frozen=True)
class Person:
    """An employee as the person view shows them."""

    pk: int
    nip: str
    name: str
    position: str


def members(unit: Unit, at: datetime.date, pokja: list[Pokja]) -> list[tuple[Person, list[str]]]:
    """The unit's active employees (by name, as ``organisation.selectors.structure``) with the codes of the
    pokja of ``pokja`` (the unit's, in order) they are in on ``at``: two queries, of plain values (the view
    needs neither membership nor employee objects)."""
    rank = {p.pk: position for position, p in enumerate(pokja)}
    joined = defaultdict(list)
    for employee_id, pokja_id in (
        Membership.objects.at(at)
        .filter(pokja__unit=unit, employee__is_active=True)
        .values_list("employee_id", "pokja_id")
    ):
        if pokja_id in rank:
            joined[employee_id].append(rank[pokja_id])
    employees = Employee.objects.filter(unit=unit, is_active=True).order_by("name", "pk")
    return [
        (person, [pokja[n].code for n in sorted(joined.get(person.pk, ()))])
        for person in (Person(*values) for values in employees.values_list("pk", "nip", "name", "position"))
    ]


def by_person(people: list[tuple[Person, list[str]]], rows: list[IndicatorRow]) -> list[Group]:
    """Each person of ``members()`` with the indicators of the pokja they are in. People in the same pokja
    share one list of rows (and so its counts by status, computed once)."""
    positions = defaultdict(set)  # pokja code → the positions of its rows
    for position, row in enumerate(rows):
        for code in row.pokja_codes:
            positions[code].add(position)
    shared: dict[tuple[str, ...], Group] = {}
    groups = []
    for employee, codes in people:
        key = tuple(codes)
        if key not in shared:
            mine = sorted(set().union(*(positions.get(code, ()) for code in codes)))
            shared[key] = Group(None, [rows[position] for position in mine])
        same = shared[key]
        group = Group(employee, same.rows, codes)
        group.codes_by_status = same.codes_by_status  # the cached_property's value, shared
        groups.append(group)
    return groups
