"""Demo performance data for the demo unit "inka": the PK 2023 of the seed's Tabel 2.1, its pokja links
(Tabel 2.2), quarterly rencana aksi targets and realisasi, and a copy as PK 2026 (the current year).

The realisasi values are invented; they vary so that the dashboard shows every status colour.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from organisation import demo as organisation_demo
from organisation.models import Membership, Pokja, Unit
from performance.models import (
    Activity,
    Evidence,
    Indicator,
    PerformanceAgreement,
    PeriodTarget,
    Realisasi,
    StrategicObjective,
)
from performance.services.agreements import copy_agreement

YEAR = 2023
CURRENT_YEAR = 2026
TITLE = "Perjanjian Kinerja {year} Bidang Informasi Kepegawaian"
P = StrategicObjective.Perspective
A = Indicator.Aggregation

OBJECTIVES = [
    ("SS.2", "Terwujudnya Pembinaan dan Pelayanan Kepegawaian yang Berkualitas Prima", P.CUSTOMER),
    ("SS.4", "Terwujudnya Peningkatan Kualitas Data dan Sistem Informasi ASN", P.INTERNAL_PROCESS),
    ("SS.5", "Terwujudnya Peningkatan Digitalisasi Penyelenggaraan Layanan Manajemen ASN", P.INTERNAL_PROCESS),
]


@dataclass(frozen=True)
class IkuSeed:
    code: str
    objective: str
    name: str
    unit_of_measure: str
    target: int
    aggregation: str
    values: tuple[int | float, int | float, int | float]  # the invented realisasi of quarters 1-3
    lead: str | None  # the pokja whose people report it in the demo

    @property
    def parent(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if self.code.count(".") == 2 else None


# Tabel 2.1, every row; "100%" is 100 with unit "Persentase".
INDICATORS = [
    IkuSeed("IKU.3", "SS.2", "Indeks Kepuasan Masyarakat terhadap Pembinaan Manajemen ASN yang Diselenggarakan Bidang "
            "Informasi Kepegawaian Kantor Regional X BKN", "Indeks", 91, A.AVERAGE, (89.2, 90.5, 91.8), "PLT"),
    IkuSeed("IKU.4", "SS.2", "Indeks Kepuasan Masyarakat terhadap Layanan Kepegawaian yang Diselenggarakan Bidang "
            "Informasi Kepegawaian Kantor Regional X BKN", "Indeks", 90, A.AVERAGE, (88.0, 89.6, 91.2), "PLT"),
    IkuSeed("IKU.4.1", "SS.2", "Jumlah Laporan Pelaksanaan Pemantauan dan Evaluasi Bidang Informasi Kepegawaian",
            "Laporan", 17, A.SUM, (4, 4, 3), "PLT"),
    IkuSeed("IKU.4.2", "SS.2", "Jumlah Laporan Pengelolaan POS AP di Bidang Informasi Kepegawaian", "Laporan", 1,
            A.SUM, (0, 0, 0), "PAK"),
    IkuSeed("IKU.6", "SS.4", "Persentase Sistem Informasi Kepegawaian Pengelola ASN yang Terintegrasi dengan SIASN di "
            "Wilayah Kerja Kantor Regional X BKN", "Persentase", 100, A.LAST, (85, 92, 96), None),
    IkuSeed("IKU.6.1", "SS.4", "Jumlah data kepegawaian yang dikelola dan dipelihara", "Data", 8000, A.SUM,
            (2150, 1980, 2040), "PDK"),
    IkuSeed("IKU.6.2", "SS.4", "Persentase instansi yang terfasilitasi layanan pemanfaatan teknologi informasi "
            "kepegawaian ASN di Wilayah Kerja Kantor Regional BKN", "Persentase", 100, A.AVERAGE, (100, 95, 100),
            "PPA"),
    IkuSeed("IKU.6.3", "SS.4", "Jumlah instansi yang mengintegrasikan Aplikasi Kinerja", "Instansi", 13, A.SUM,
            (2, 3, 4), "PIA"),
    IkuSeed("IKU.7", "SS.5", "Persentase Layanan Manajemen ASN yang Berbasis Digital di Kantor Regional X BKN",
            "Persentase", 100, A.LAST, (80, 86, 90), "PPA"),
    IkuSeed("IKU.7.1", "SS.5", "Jumlah Pembangunan/Pengembangan Aplikasi", "Aplikasi", 4, A.SUM, (1, 1, 0), "PPA"),
    IkuSeed("IKU.7.2", "SS.5", "Jumlah dokumen Arsip Kepegawaian yang disimpan dan dikelola", "Dokumen", 56000, A.SUM,
            (15200, 13100, 14500), "PAK"),
    IkuSeed("IKU.7.3", "SS.5", "Jumlah laporan pengelolaan dan pemeliharaan jaringan dan basis data kepegawaian ASN "
            "di Kantor Regional X BKN", "Laporan", 12, A.SUM, (3, 3, 3), "PJD"),
    IkuSeed("IKU.7.4", "SS.5", "Jumlah Laporan Pengelolaan dan pengembangan Website serta bulletin kepegawaian "
            "digital", "Laporan", 12, A.SUM, (3, 3, 3), "PDI"),
    IkuSeed("IKU.7.5", "SS.5", "Jumlah perekaman dan penyajian data kepegawaian (statistik)", "Dokumen", 12, A.SUM,
            (3, 3, 2), "PDI"),
    IkuSeed("IKU.7.6", "SS.5", "Persentase instansi yang difasilitasi dalam pemanfaatan CAT untuk pelaksanaan "
            "seleksi", "Persentase", 100, A.AVERAGE, (100, 100, 100), "PLT"),
]  # fmt: skip

# Tabel 2.2, right-hand column (the SS links follow from the IKU).
POKJA_LINKS = {
    "PAK": ["IKU.3", "IKU.4", "IKU.4.2", "IKU.7.2"],
    "PPA": ["IKU.3", "IKU.4", "IKU.6.2", "IKU.7", "IKU.7.1"],
    "PDK": ["IKU.3", "IKU.4", "IKU.4.2", "IKU.6.1"],
    "PDI": ["IKU.3", "IKU.4", "IKU.4.2", "IKU.7.4", "IKU.7.5"],
    "PJD": ["IKU.3", "IKU.4", "IKU.4.2", "IKU.7.3"],
    "PLT": ["IKU.3", "IKU.4", "IKU.4.2", "IKU.4.1", "IKU.7.6"],
    "PIA": ["IKU.3", "IKU.4", "IKU.4.2", "IKU.6.3"],
}

# The rencana aksi: one planned activity per indicator, led by a pokja.
ACTIVITIES = {
    "IKU.3": ("PLT", "Survei IKM pembinaan manajemen ASN setiap triwulan"),
    "IKU.4": ("PLT", "Survei IKM layanan kepegawaian pada akhir layanan helpdesk"),
    "IKU.4.1": ("PLT", "Menyusun laporan pemantauan dan evaluasi bidang"),
    "IKU.4.2": ("PAK", "Mereview dan memperbarui POS AP seluruh pokja"),
    "IKU.6.1": ("PDK", "Peremajaan data kepegawaian instansi di wilayah kerja"),
    "IKU.6.2": ("PPA", "Asistensi pemanfaatan aplikasi kepegawaian bagi instansi"),
    "IKU.6.3": ("PIA", "Asistensi integrasi aplikasi kinerja instansi dengan SIASN"),
    "IKU.7": ("PPA", "Digitalisasi layanan manajemen ASN"),
    "IKU.7.1": ("PPA", "Membangun dan mengembangkan aplikasi penunjang layanan"),
    "IKU.7.2": ("PAK", "Digitalisasi dan pengelolaan arsip kepegawaian dengan DMS"),
    "IKU.7.3": ("PJD", "Menyusun laporan bulanan jaringan dan basis data kepegawaian"),
    "IKU.7.4": ("PDI", "Mengelola website dan buletin kepegawaian digital"),
    "IKU.7.5": ("PDI", "Menyajikan data statistik kepegawaian"),
    "IKU.7.6": ("PLT", "Fasilitasi CAT BKN untuk seleksi instansi"),
}

S = Realisasi.Status
RETURN_COMMENT = "Lampirkan daftar instansi yang sudah terintegrasi sebagai bukti."
# Exceptions to "quarters 1-3 accepted": (year, code, quarter) -> status, or None for "not reported".
EXCEPTIONS = {
    (YEAR, "IKU.7.4", 3): S.SUBMITTED,
    (YEAR, "IKU.6.3", 3): S.RETURNED,
    (CURRENT_YEAR, "IKU.4.1", 3): S.SUBMITTED,
    (CURRENT_YEAR, "IKU.7.2", 3): S.RETURNED,
    (CURRENT_YEAR, "IKU.7.5", 3): S.DRAFT,
    (CURRENT_YEAR, "IKU.7.1", 3): None,
    (CURRENT_YEAR, "IKU.6.1", 3): None,
}


def quarter_targets(seed: IkuSeed) -> list[Decimal]:
    """Counts are split over the quarters (the remainder in the last ones); indices and percentages repeat."""
    if seed.aggregation != A.SUM:
        return [Decimal(seed.target)] * 4
    base, remainder = divmod(seed.target, 4)
    return [Decimal(base + (1 if quarter > 4 - remainder else 0)) for quarter in range(1, 5)]


def quarter_end(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter, 31 if quarter in (1, 4) else 30)


def create_agreement_2023(unit: Unit) -> PerformanceAgreement:
    pokja = {p.code: p for p in Pokja.objects.filter(unit=unit)}
    ketua = {
        m.pokja_id: m.employee
        for m in Membership.objects.at(datetime.date(YEAR, 1, 2)).filter(pokja__unit=unit, role=Membership.Role.KETUA)
    }
    agreement = PerformanceAgreement.objects.create(unit=unit, year=YEAR, title=TITLE.format(year=YEAR))
    objectives = {
        code: StrategicObjective.objects.create(agreement=agreement, code=code, name=name, perspective=view, order=n)
        for n, (code, name, view) in enumerate(OBJECTIVES, start=1)
    }
    indicators: dict[str, Indicator] = {}
    for order, seed in enumerate(INDICATORS, start=1):
        indicators[seed.code] = Indicator.objects.create(
            agreement=agreement,
            objective=objectives[seed.objective],
            parent=indicators.get(seed.parent) if seed.parent else None,
            code=seed.code,
            name=seed.name,
            unit_of_measure=seed.unit_of_measure,
            target=Decimal(seed.target),
            aggregation=seed.aggregation,
            order=order,
        )
    for code, links in POKJA_LINKS.items():
        pokja[code].indicators.add(*(indicators[c] for c in links))
    bulk_create_with_history(
        [
            PeriodTarget(indicator=indicators[seed.code], period=quarter, target=target)
            for seed in INDICATORS
            for quarter, target in enumerate(quarter_targets(seed), start=1)
        ],
        PeriodTarget,
    )
    for code, (pokja_code, text) in ACTIVITIES.items():
        group = pokja[pokja_code]
        activity = Activity.objects.create(
            indicator=indicators[code], description=text, pokja=group, due_date=datetime.date(YEAR, 12, 31)
        )
        if group.pk in ketua:
            activity.responsible.add(ketua[group.pk])
    return agreement


def add_realisasi(agreement: PerformanceAgreement, quarters: range) -> None:
    """Realisasi for the given quarters: accepted unless EXCEPTIONS says otherwise, with a link as evidence."""
    unit = agreement.unit
    day = datetime.date(agreement.year, 1, 2)
    memberships = list(Membership.objects.at(day).filter(pokja__unit=unit).select_related("employee", "pokja"))
    ketua = {m.pokja.code: m.employee for m in memberships if m.role == Membership.Role.KETUA}
    anggota: dict[str, list] = {}
    for m in sorted(memberships, key=lambda m: m.employee.name):
        if m.role == Membership.Role.ANGGOTA:
            anggota.setdefault(m.pokja.code, []).append(m.employee)
    head = unit.head
    indicators = {i.code: i for i in agreement.indicators.all()}
    rows = []
    for seed in INDICATORS:
        for quarter in quarters:
            status = EXCEPTIONS.get((agreement.year, seed.code, quarter), S.ACCEPTED)
            if status is None:
                continue
            end = quarter_end(agreement.year, quarter)
            submitted = timezone.make_aware(datetime.datetime.combine(end, datetime.time(10)))
            submitted += datetime.timedelta(days=5)
            reviewed = submitted + datetime.timedelta(days=3)
            rows.append(
                Realisasi(
                    indicator=indicators[seed.code],
                    period=quarter,
                    value=Decimal(str(seed.values[quarter - 1])),
                    note=f"Realisasi triwulan {quarter} {agreement.year}.",
                    status=status,
                    reported_by=anggota.get(seed.lead, [None])[0] if seed.lead else None,
                    submitted_by=ketua.get(seed.lead) if status != S.DRAFT else None,
                    submitted_at=submitted if status != S.DRAFT else None,
                    reviewed_by=head if status in (S.ACCEPTED, S.RETURNED) else None,
                    reviewed_at=reviewed if status in (S.ACCEPTED, S.RETURNED) else None,
                    review_comment=RETURN_COMMENT if status == S.RETURNED else "",
                )
            )
    head_user = head.user if head else None
    bulk_create_with_history(rows, Realisasi, default_user=head_user)
    saved = Realisasi.objects.filter(indicator__agreement=agreement, status=S.ACCEPTED)
    Evidence.objects.bulk_create(
        Evidence(
            realisasi=r,
            url=f"https://inka.demo.orbit.test/bukti/{agreement.year}/{r.indicator.code}/tw{r.period}",
            name=f"Bukti {r.indicator.code} TW{r.period}",
            uploaded_by=r.reported_by,
        )
        for r in saved.select_related("indicator")
    )


@transaction.atomic
def load_performance_demo() -> tuple[PerformanceAgreement, bool]:
    """Loads the demo unit if needed, then its PK 2023 and PK 2026 once; returns (PK 2023, created anything)."""
    unit, _created = organisation_demo.load_demo()
    created = False
    agreement = PerformanceAgreement.objects.filter(unit=unit, year=YEAR).first()
    if agreement is None:
        agreement = create_agreement_2023(unit)
        add_realisasi(agreement, range(1, 4))
        created = True
    if not PerformanceAgreement.objects.filter(unit=unit, year=CURRENT_YEAR).exists():
        actor = unit.head.user
        current = copy_agreement(agreement=agreement, actor=actor, year=CURRENT_YEAR)
        current.unit = unit
        add_realisasi(current, range(1, 4))
        created = True
    return agreement, created
