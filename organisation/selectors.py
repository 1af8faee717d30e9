"""Read functions over the structure, in a fixed small number of queries whatever the unit's size."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from organisation.models import Employee, Membership, Pokja, Unit


@dataclass
class PokjaView:
    pokja: Pokja
    memberships: list[Membership] = field(default_factory=list)

    @property
    def ketua(self) -> Membership | None:
        return next((m for m in self.memberships if m.role == Membership.Role.KETUA), None)

    @property
    def wakil(self) -> Membership | None:
        return next((m for m in self.memberships if m.role == Membership.Role.WAKIL), None)


@dataclass
class Structure:
    """The unit as it stood on one date: pokja in order, each with its members, leaders first."""

    unit: Unit
    at: datetime.date
    pokja: list[PokjaView]
    employees: list[Employee]  # active employees of the unit, the head included

    def memberships_of(self, employee: Employee) -> list[Membership]:
        return [m for view in self.pokja for m in view.memberships if m.employee_id == employee.pk]

    @property
    def staff(self) -> list[Employee]:
        """Employees other than the head: the satellites."""
        return [e for e in self.employees if e.pk != self.unit.head_id]


ROLE_ORDER = {Membership.Role.KETUA: 0, Membership.Role.WAKIL: 1, Membership.Role.ANGGOTA: 2}


def today() -> datetime.date:
    return timezone.localdate()


def structure(unit: Unit, at: datetime.date | None = None) -> Structure:
    """The unit's pokja and memberships in force on ``at`` (default today): three queries."""
    at = at or today()
    pokja = list(Pokja.objects.filter(unit=unit).order_by("order", "code"))
    views = {p.pk: PokjaView(p) for p in pokja}
    memberships = (
        Membership.objects.at(at)
        .filter(pokja__unit=unit, employee__is_active=True)
        .select_related("employee")
        .order_by("employee__name", "pk")
    )
    for membership in memberships:
        view = views[membership.pokja_id]
        membership.pokja = view.pokja
        view.memberships.append(membership)
    for view in views.values():
        view.memberships.sort(key=lambda m: ROLE_ORDER[m.role])
    employees = list(Employee.objects.filter(unit=unit, is_active=True).order_by("name", "pk"))
    return Structure(unit=unit, at=at, pokja=list(views.values()), employees=employees)
