"""Kaderisasi: a person's role history and the signals that they are ready to lead a pokja."""

import datetime
from dataclasses import dataclass

from organisation.models import Employee, Membership, Unit
from placement.model import LEADING, MAX_LEVEL, Scores
from placement.services.instance import build_instance


@dataclass
class ReadySignal:
    pokja: str
    name: str
    level: float  # weighted level 0-4 in the pokja's competencies
    interested: bool
    member_now: bool
    led_here: bool


@dataclass
class Kaderisasi:
    history: list[Membership]
    times_led: int
    leading_now: list[Membership]
    ready: list[ReadySignal]
    unconfirmed_levels: int
    lead_level: float


def role_history(employee: Employee) -> list[Membership]:
    """Every membership the employee ever had, newest first: ended rows are history, not overwritten."""
    return list(
        Membership.objects.filter(employee=employee).select_related("pokja").order_by("-valid_from", "pokja__code")
    )


def kaderisasi(unit: Unit, employee: Employee, at: datetime.date) -> Kaderisasi:
    """Where the employee's profile would allow them to lead (weighted level ≥ the lead level), and their record."""
    history = role_history(employee)
    current = [m for m in history if m.is_valid_on(at)]
    instance = build_instance(unit, period_start=at + datetime.timedelta(days=1), rolling=False)
    ready = []
    person = next((p for p in instance.people if p.id == employee.nip), None)
    if person is not None and person.available:
        scores = Scores(instance)
        i = scores.person_index[person.id]
        for j, group in enumerate(instance.pokja):
            level = float(MAX_LEVEL * scores.fit[i, j])
            if group.weights and level >= instance.rules.lead_level:
                ready.append(
                    ReadySignal(
                        pokja=group.code,
                        name=group.name,
                        level=level,
                        interested=bool(scores.interest_pokja[i, j]),
                        member_now=group.code in person.previous_roles,
                        led_here=any(m.pokja.code == group.code and m.role in LEADING for m in history),
                    )
                )
        ready.sort(key=lambda s: (-s.level, s.pokja))
    profile = getattr(employee, "placement_profile", None)
    unconfirmed = profile.levels.filter(confirmed_at__isnull=True).count() if profile else 0
    return Kaderisasi(
        history=history,
        times_led=sum(1 for m in history if m.role in LEADING),
        leading_now=[m for m in current if m.role in LEADING],
        ready=ready,
        unconfirmed_levels=unconfirmed,
        lead_level=instance.rules.lead_level,
    )
