"""Reporting periods, deadlines and the "belum lapor" list: which realisasi are late or missing.

A period's realisasi is due ``ORBIT_REPORT_DUE_DAYS`` days (default 10) after the period ends; after that, a
period without a submitted or accepted realisasi is overdue: "late" when a draft or returned one exists,
"missing" when nothing was reported.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings

from organisation.models import Employee, Membership, Pokja
from organisation.selectors import today as local_today
from performance.models import Indicator, PerformanceAgreement, Realisasi

DEFAULT_DUE_DAYS = 10
DONE = (Realisasi.Status.SUBMITTED, Realisasi.Status.ACCEPTED)


def due_days() -> int:
    return getattr(settings, "ORBIT_REPORT_DUE_DAYS", DEFAULT_DUE_DAYS)


def months_per_period(periodicity: str) -> int:
    return 1 if periodicity == Indicator.Periodicity.MONTHLY else 3


def period_start(year: int, period: int, periodicity: str) -> datetime.date:
    return datetime.date(year, (period - 1) * months_per_period(periodicity) + 1, 1)


def period_end(year: int, period: int, periodicity: str) -> datetime.date:
    month = period * months_per_period(periodicity)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def report_deadline(year: int, period: int, periodicity: str) -> datetime.date:
    """The last day on which the period's realisasi is on time."""
    return period_end(year, period, periodicity) + datetime.timedelta(days=due_days())


@dataclass
class ResponsiblePokja:
    pokja: Pokja
    ketua: Employee | None


@dataclass
class OverdueReport:
    """One indicator and period whose deadline passed without a submitted or accepted realisasi."""

    indicator: Indicator
    period: int
    deadline: datetime.date
    realisasi: Realisasi | None
    pokja: list[ResponsiblePokja] = field(default_factory=list)

    @property
    def state(self) -> str:
        return "missing" if self.realisasi is None else "late"

    def days_overdue(self, day: datetime.date) -> int:
        return (day - self.deadline).days


def overdue_reports(agreement: PerformanceAgreement, day: datetime.date | None = None) -> list[OverdueReport]:
    """The "belum lapor" list of a PK on ``day`` (default today), in indicator and period order: four queries
    (indicators, their pokja, the realisasi, the ketua) whatever the number of indicators."""
    day = day or local_today()
    indicators = list(
        Indicator.objects.filter(agreement=agreement).prefetch_related("pokja").order_by("order", "code", "pk")
    )
    realisasi = {
        (r.indicator_id, r.period): r
        for r in Realisasi.objects.filter(indicator__agreement=agreement).only(
            "pk", "indicator_id", "period", "status", "updated_at"
        )
    }
    ketua = {
        m.pokja_id: m.employee
        for m in Membership.objects.at(day)
        .filter(pokja__unit_id=agreement.unit_id, role=Membership.Role.KETUA)
        .select_related("employee")
    }
    overdue = []
    for indicator in indicators:
        responsible = [ResponsiblePokja(p, ketua.get(p.pk)) for p in indicator.pokja.all()]
        for period in range(1, indicator.period_count + 1):
            deadline = report_deadline(agreement.year, period, indicator.periodicity)
            if deadline >= day:
                break
            row = realisasi.get((indicator.pk, period))
            if row is None or row.status not in DONE:
                overdue.append(OverdueReport(indicator, period, deadline, row, responsible))
    return overdue


def reminder_recipients(
    overdue: list[OverdueReport], day: datetime.date | None = None
) -> dict[Employee, list[OverdueReport]]:
    """Who to remind of what: every active member (ketua, wakil, anggota) of a responsible pokja, one query."""
    day = day or local_today()
    pokja_ids = {r.pokja.pk for item in overdue for r in item.pokja}
    members: dict[int, list[Employee]] = {}
    for membership in (
        Membership.objects.at(day)
        .filter(pokja_id__in=pokja_ids, employee__is_active=True)
        .select_related("employee")
        .order_by("employee__name")
    ):
        members.setdefault(membership.pokja_id, []).append(membership.employee)
    recipients: dict[Employee, list[OverdueReport]] = {}
    for item in overdue:
        for employee in {e for r in item.pokja for e in members.get(r.pokja.pk, [])}:
            recipients.setdefault(employee, []).append(item)
    return recipients
