"""From the database to the solver's instance: profiles, requirements, the current structure and the rules."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from organisation.models import Employee, Membership, Pokja, Unit
from organisation.selectors import structure
from placement import model
from placement.catalogue import catalogue_for
from placement.models import CompetencyLevel, EmployeeProfile, PokjaRequirement

DEFAULT_MIN, DEFAULT_MAX = 3, 10  # a pokja without requirements yet


@dataclass(frozen=True)
class PinSpec:
    nip: str
    pokja: str
    role: str


def placeable_employees(unit: Unit) -> list[Employee]:
    """The unit's active employees other than the head (who sits at the centre, not in a ring), with profiles."""
    levels = CompetencyLevel.objects.select_related("competency")
    profiles = EmployeeProfile.objects.prefetch_related(
        Prefetch("levels", queryset=levels), "interest_pokja", "interest_competencies"
    )
    employees = (
        Employee.objects.filter(unit=unit, is_active=True)
        .exclude(pk=unit.head_id or 0)
        .prefetch_related(Prefetch("placement_profile", queryset=profiles))
        .order_by("name", "pk")
    )
    return list(employees)


def profile_of(employee: Employee) -> EmployeeProfile | None:
    return getattr(employee, "placement_profile", None)  # the reverse one-to-one raises AttributeError


def build_instance(
    unit: Unit,
    *,
    period_start: datetime.date,
    rolling: bool = True,
    churn_limit: float | None = None,
    pins: Iterable[PinSpec] = (),
    unavailable: Iterable[str] = (),
    keep_weight: float = 0.0,
    time_limit: float = 30.0,
) -> model.Instance:
    """The unit as the solver sees it, with the structure in force the day before ``period_start`` as the
    current period. ``unavailable`` NIPs are treated as unavailable whatever their profile says."""
    away = set(unavailable)
    current = structure(unit, period_start - datetime.timedelta(days=1))
    previous: dict[int, dict[str, str]] = {}
    for view in current.pokja:
        for membership in view.memberships:
            previous.setdefault(membership.employee_id, {})[view.pokja.code] = membership.role
    led = set(
        Membership.objects.filter(
            pokja__unit=unit, role__in=Membership.LEADING_ROLES, valid_from__lt=period_start
        ).values_list("employee_id", flat=True)
    )
    people = []
    for employee in placeable_employees(unit):
        profile = profile_of(employee)
        people.append(
            model.Person(
                id=employee.nip,
                name=employee.name,
                levels={lv.competency.code: lv.level for lv in profile.levels.all()} if profile else {},
                interest_pokja=[p.code for p in profile.interest_pokja.all()] if profile else [],
                interest_competencies=[c.code for c in profile.interest_competencies.all()] if profile else [],
                available=(profile.available if profile else True) and employee.nip not in away,
                max_pokja=profile.max_pokja if profile else None,
                previous_roles=previous.get(employee.pk, {}),
                has_led=employee.pk in led,
            )
        )
    rules = model.Rules(
        min_pokja=unit.min_pokja_per_employee,
        max_pokja=unit.max_pokja_per_employee,
        pins=[model.Pin(p.nip, p.pokja, p.role) for p in pins],
        rolling=rolling,
        churn_limit=churn_limit,
        keep_weight=keep_weight,
        time_limit=time_limit,
    )
    names = dict(catalogue_for(unit).values_list("code", "name"))
    return model.Instance(people, pokja_of(unit), rules, names)


def pokja_of(unit: Unit) -> list[model.Pokja]:
    requirements = PokjaRequirement.objects.prefetch_related("competencies__competency")
    groups = (
        Pokja.objects.filter(unit=unit)
        .order_by("order", "code")
        .prefetch_related(Prefetch("requirement", queryset=requirements))
    )
    found = []
    for pokja in groups:
        requirement = getattr(pokja, "requirement", None)  # the reverse one-to-one raises AttributeError
        needs = list(requirement.competencies.all()) if requirement else []
        found.append(
            model.Pokja(
                code=pokja.code,
                name=pokja.name,
                min_members=requirement.min_members if requirement else DEFAULT_MIN,
                max_members=requirement.max_members if requirement else DEFAULT_MAX,
                weights={need.competency.code: float(need.weight) for need in needs},
                critical=[need.competency.code for need in needs if need.critical],
            )
        )
    return found
