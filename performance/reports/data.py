"""What a Laporan Kinerja shows, for a quarter (cumulative to its end) or for the year."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from performance.capaian import display
from performance.models import Dialogue, PerformanceAgreement, Realisasi, StrategicObjective
from performance.selectors import IndicatorRow, PeriodCell, Summary, indicator_table

STATUS_LABELS = {
    "on_track": _("on track"),
    "at_risk": _("at risk"),
    "behind": _("behind"),
    None: "—",
}


@dataclass(frozen=True)
class ReportPeriod:
    key: str
    quarter: int | None  # None for the year
    label: str

    @property
    def last_month(self) -> int:
        return 12 if self.quarter is None else 3 * self.quarter

    def months(self, year: int) -> tuple[datetime.date, datetime.date]:
        """The first and last day the report covers (from 1 January: capaian is cumulative)."""
        last = datetime.date(year, self.last_month, 1)
        end = (last.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
        return datetime.date(year, 1, 1), end


PERIODS = {
    "q1": ReportPeriod("q1", 1, _("Quarter I")),
    "q2": ReportPeriod("q2", 2, _("Quarter II")),
    "q3": ReportPeriod("q3", 3, _("Quarter III")),
    "q4": ReportPeriod("q4", 4, _("Quarter IV")),
    "year": ReportPeriod("year", None, _("Annual")),
}


def parse_period(value: str | None) -> ReportPeriod | None:
    """``?period=q1..q4|year``; None when missing or unknown."""
    return PERIODS.get((value or "").strip().lower())


@dataclass
class Line:
    """One IKU of the capaian table: the selectors' row and the summary this report uses."""

    number: int
    row: IndicatorRow
    summary: Summary
    periods: list[PeriodCell]  # the periods the report covers

    @property
    def indicator(self):
        return self.row.indicator

    @property
    def year_target_text(self) -> str:
        """The PK's yearly target (a range as lower – upper)."""
        year = self.row.year
        if year.target_upper is not None and self.indicator.polarity == "range":
            return f"{display(year.target)} – {display(year.target_upper)}"
        return display(year.target)

    @property
    def target_text(self) -> str:
        if self.summary.target_upper is not None and self.indicator.polarity == "range":
            return f"{display(self.summary.target)} – {display(self.summary.target_upper)}"
        return display(self.summary.target)

    @property
    def realisasi_text(self) -> str:
        return display(self.summary.realisasi)

    @property
    def capaian_text(self) -> str:
        return display(self.summary.capaian)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.summary.status, "—"))


@dataclass
class ObjectiveBlock:
    objective: StrategicObjective
    lines: list[Line] = field(default_factory=list)


@dataclass
class Report:
    agreement: PerformanceAgreement
    period: ReportPeriod
    lines: list[Line]
    objectives: list[ObjectiveBlock]
    notes: list[Realisasi]
    pending: int
    dialogues: list[Dialogue]
    generated_at: datetime.datetime

    @property
    def unit(self):
        return self.agreement.unit

    @property
    def title_period(self) -> str:
        if self.period.quarter is None:
            return f"{self.agreement.year}"
        return f"{self.period.label} {self.agreement.year}"

    def status_count(self, status: str | None) -> int:
        return sum(1 for line in self.lines if line.summary.status == status)


def build_report(agreement: PerformanceAgreement, period: ReportPeriod) -> Report:
    """The selectors' table cut to the period, with the notes of its accepted realisasi and its dialogues."""
    table = indicator_table(agreement, up_to_month=period.last_month)
    lines = []
    blocks: dict[int, ObjectiveBlock] = {}
    for number_, row in enumerate(table, start=1):
        summary = row.year if period.quarter is None else row.cumulative
        last = row.indicator.period_count if period.quarter is None else _last_period(row, period.quarter)
        line = Line(number_, row, summary, [cell for cell in row.periods if cell.period <= last])
        lines.append(line)
        block = blocks.setdefault(row.indicator.objective_id, ObjectiveBlock(row.indicator.objective))
        block.lines.append(line)
    cutoff = _month_filter(period)
    realisasi = Realisasi.objects.filter(indicator__agreement=agreement).filter(cutoff)
    # A quarter's report notes that quarter's realisasi; the annual report notes all of them.
    notes = list(
        realisasi.filter(status=Realisasi.Status.ACCEPTED)
        .filter(_month_filter(period, only_last=True))
        .exclude(note="")
        .select_related("indicator")
        .order_by("indicator__objective__order", "indicator__order", "indicator__code", "period")
    )
    start, end = period.months(agreement.year)
    dialogues = list(
        Dialogue.objects.filter(unit=agreement.unit_id, scheduled_at__date__gte=start, scheduled_at__date__lte=end)
        .select_related("pokja", "employee")
        .order_by("scheduled_at")
    )
    return Report(
        agreement=agreement,
        period=period,
        lines=lines,
        objectives=list(blocks.values()),
        notes=notes,
        pending=realisasi.filter(status=Realisasi.Status.SUBMITTED).count(),
        dialogues=dialogues,
        generated_at=timezone.now(),
    )


def _last_period(row: IndicatorRow, quarter: int) -> int:
    return 3 * quarter if row.indicator.period_count == 12 else quarter


def _month_filter(period: ReportPeriod, only_last: bool = False):
    """Realisasi rows of periods up to the report's end (or of its last quarter), monthly indicators alike."""
    if period.quarter is None:
        return Q()
    q = period.quarter
    monthly = Q(period__lte=3 * q) & (Q(period__gt=3 * q - 3) if only_last else Q())
    quarterly = Q(period=q) if only_last else Q(period__lte=q)
    return (Q(indicator__periodicity="monthly") & monthly) | (~Q(indicator__periodicity="monthly") & quarterly)
