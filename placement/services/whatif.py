"""What if some employees leave: which pokja lose their ketua, wakil, minimum size or a critical competency,
and the smallest repair the optimiser finds with the current structure kept as far as the rules allow."""

import datetime
from dataclasses import dataclass, field

from organisation.models import Unit
from organisation.selectors import structure
from placement.model import KETUA, WAKIL, Instance
from placement.plan import Plan
from placement.services.instance import build_instance
from placement.solver import solve

KEEP_WEIGHT = 100.0  # far above any competency value: keep what exists, change only what the rules need
REPAIR_TIME_LIMIT = 20.0


@dataclass
class PokjaImpact:
    code: str
    name: str
    lost_ketua: str = ""
    lost_wakil: str = ""
    members_before: int = 0
    members_after: int = 0
    min_members: int = 0
    critical_lost: list[str] = field(default_factory=list)

    @property
    def below_minimum(self) -> bool:
        return self.members_after < self.min_members

    @property
    def hit(self) -> bool:
        return bool(self.lost_ketua or self.lost_wakil or self.below_minimum or self.critical_lost)


@dataclass
class Change:
    nip: str
    name: str
    pokja: str
    before: str  # role now, "" when not in the pokja
    after: str  # role in the repair, "" when out


@dataclass
class WhatIf:
    leaving: list[str]
    impacts: list[PokjaImpact]
    repair: Plan
    changes: list[Change]

    @property
    def hit(self) -> list[PokjaImpact]:
        return [impact for impact in self.impacts if impact.hit]


def what_if(*, unit: Unit, nips: list[str], at: datetime.date) -> WhatIf:
    """The consequences of ``nips`` leaving on ``at`` and a repair from the next day."""
    leaving = set(nips)
    current = structure(unit, at)
    instance = build_instance(
        unit,
        period_start=at + datetime.timedelta(days=1),
        rolling=False,
        unavailable=leaving,
        keep_weight=KEEP_WEIGHT,
        time_limit=REPAIR_TIME_LIMIT,
    )
    return WhatIf(
        leaving=sorted(leaving),
        impacts=impacts(instance, current, leaving),
        repair=(repair := solve(instance)),
        changes=changes(instance, repair),
    )


def impacts(instance: Instance, current, leaving: set[str]) -> list[PokjaImpact]:
    requirements = {k.code: k for k in instance.pokja}
    levels = {p.id: p.levels for p in instance.people}
    level = instance.rules.critical_level

    def holders(members, competency) -> int:
        return sum(1 for m in members if levels.get(m.employee.nip, {}).get(competency, 0) >= level)

    found = []
    for view in current.pokja:
        need = requirements[view.pokja.code]
        staying = [m for m in view.memberships if m.employee.nip not in leaving]
        impact = PokjaImpact(
            view.pokja.code,
            view.pokja.name,
            members_before=len(view.memberships),
            members_after=len(staying),
            min_members=need.min_members,
        )
        for membership in view.memberships:
            if membership.employee.nip in leaving and membership.role == KETUA:
                impact.lost_ketua = membership.employee.name
            if membership.employee.nip in leaving and membership.role == WAKIL:
                impact.lost_wakil = membership.employee.name
        for competency in need.critical:
            before, after = holders(view.memberships, competency), holders(staying, competency)
            if after < instance.rules.critical_holders and after < before:
                impact.critical_lost.append(instance.competency_name(competency))
        found.append(impact)
    return found


def changes(instance: Instance, plan: Plan) -> list[Change]:
    """Every (person, pokja) whose role differs between now and the repair, the leavers included."""
    names = {p.id: p.label for p in instance.people}
    before = {(a.person, a.pokja): a.role for a in instance.current()}
    after = {(a.person, a.pokja): a.role for a in plan.assignments} if plan.objective is not None else before
    found = [
        Change(nip, names.get(nip, nip), code, before.get((nip, code), ""), after.get((nip, code), ""))
        for nip, code in sorted(set(before) | set(after), key=lambda pair: (pair[1], pair[0]))
        if before.get((nip, code)) != after.get((nip, code))
    ]
    return found
