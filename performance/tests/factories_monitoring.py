"""Small builders for the monitoring tests: an agreement with indicators, period targets and realisasi."""

from decimal import Decimal

from performance.models import Indicator, PerformanceAgreement, PeriodTarget, Realisasi, StrategicObjective

ACCEPTED = Realisasi.Status.ACCEPTED


def agreement(unit, year: int = 2023, **fields) -> PerformanceAgreement:
    return PerformanceAgreement.objects.create(unit=unit, year=year, title=f"PK {year}", **fields)


def objective(pk_agreement, code: str = "SS.1", order: int = 1, **fields) -> StrategicObjective:
    fields.setdefault("name", f"Sasaran {code}")
    fields.setdefault("perspective", StrategicObjective.Perspective.STAKEHOLDER)
    return StrategicObjective.objects.create(agreement=pk_agreement, code=code, order=order, **fields)


def indicator(
    ss: StrategicObjective,
    code: str,
    *,
    target,
    period_targets=(),
    realisasi=(),
    target_upper=None,
    upper_targets=(),
    pokja=(),
    **fields,
) -> Indicator:
    """An IKU with targets per period (a list, None for none) and realisasi per period.

    ``realisasi`` items are values (accepted) or ``(value, status)`` pairs; None skips a period.
    """
    fields.setdefault("name", f"Indikator {code}")
    fields.setdefault("unit_of_measure", "Persentase")
    item = Indicator.objects.create(
        agreement=ss.agreement,
        objective=ss,
        code=code,
        target=Decimal(str(target)),
        target_upper=None if target_upper is None else Decimal(str(target_upper)),
        **fields,
    )
    uppers = list(upper_targets) + [None] * (len(period_targets) - len(upper_targets))
    PeriodTarget.objects.bulk_create(
        PeriodTarget(
            indicator=item,
            period=period,
            target=Decimal(str(value)),
            target_upper=None if upper is None else Decimal(str(upper)),
        )
        for period, (value, upper) in enumerate(zip(period_targets, uppers, strict=True), start=1)
        if value is not None
    )
    reports = []
    for period, report in enumerate(realisasi, start=1):
        if report is None:
            continue
        value, status = report if isinstance(report, tuple) else (report, ACCEPTED)
        reports.append(Realisasi(indicator=item, period=period, value=Decimal(str(value)), status=status))
    Realisasi.objects.bulk_create(reports)
    if pokja:
        item.pokja.set(pokja)
    return item
