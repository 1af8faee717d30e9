"""A small PK for the teamwork tests: two SS, three IKU linked to demo pokja, quarterly targets and realisasi."""

from decimal import Decimal

from organisation.models import Employee, Membership, Pokja, Unit
from performance.models import Indicator, PerformanceAgreement, PeriodTarget, Realisasi, StrategicObjective

ACCEPTED = Realisasi.Status.ACCEPTED
SUBMITTED = Realisasi.Status.SUBMITTED


def small_pk(unit: Unit, year: int = 2023) -> PerformanceAgreement:
    """IKU.1 (sum, PAK), IKU.2 (average, lower is better, PPA + PAK), IKU.2.1 (last, zero target, PDK)."""
    agreement = PerformanceAgreement.objects.create(unit=unit, year=year, title=f"PK {year}")
    ss1 = StrategicObjective.objects.create(
        agreement=agreement, code="SS.1", name="Meningkatnya kualitas data", perspective="stakeholder", order=1
    )
    ss2 = StrategicObjective.objects.create(
        agreement=agreement, code="SS.2", name="Layanan yang cepat", perspective="customer", order=2
    )
    pokja = {p.code: p for p in Pokja.objects.filter(unit=unit)}
    iku1 = _indicator(
        ss1, "IKU.1", "Jumlah arsip digital", 400, "sum", "higher", 1, [100, 100, 100, 100], [120, 90, (80, SUBMITTED)]
    )
    iku2 = _indicator(ss2, "IKU.2", "Waktu layanan", 5, "average", "lower", 2, [5, 5, 5, 5], [4, 6])
    iku21 = _indicator(ss2, "IKU.2.1", "Keluhan", 0, "last", "higher", 3, [0, 0, 0, 0], [1], parent=iku2)
    iku1.pokja.set([pokja["PAK"]])
    iku2.pokja.set([pokja["PPA"], pokja["PAK"]])
    iku21.pokja.set([pokja["PDK"]])
    return agreement


def _indicator(ss, code, name, target, aggregation, polarity, order, targets, reports, parent=None) -> Indicator:
    item = Indicator.objects.create(
        agreement=ss.agreement, objective=ss, parent=parent, code=code, name=name, unit_of_measure="Dokumen",
        target=Decimal(target), aggregation=aggregation, polarity=polarity, order=order,
    )  # fmt: skip
    PeriodTarget.objects.bulk_create(
        PeriodTarget(indicator=item, period=p, target=Decimal(t)) for p, t in enumerate(targets, start=1)
    )
    rows = []
    for period, report in enumerate(reports, start=1):
        value, status = report if isinstance(report, tuple) else (report, ACCEPTED)
        rows.append(Realisasi(indicator=item, period=period, value=Decimal(value), status=status))
    Realisasi.objects.bulk_create(rows)
    return item


def member_of(code: str, role: str = Membership.Role.ANGGOTA) -> Employee:
    """An employee holding ``role`` in the demo pokja ``code`` (open membership)."""
    return Membership.objects.filter(pokja__code=code, role=role, valid_to__isnull=True).first().employee


def outside_of(unit: Unit, code: str) -> Employee:
    """An active employee of ``unit``, not its head, who is not in pokja ``code``."""
    members = Membership.objects.filter(pokja__unit=unit, pokja__code=code).values("employee_id")
    return Employee.objects.filter(unit=unit, is_active=True).exclude(pk__in=members).exclude(pk=unit.head_id).first()
