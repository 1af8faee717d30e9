"""Profiles and pokja requirements for the demo unit "inka", enough for a feasible placement run.

Levels follow each person's position (a Pranata Komputer knows applications and networks, an Arsiparis
archives...), with a small deterministic variation. Only what is missing is created: running it again, or
after people edited their profiles, changes nothing.
"""

from django.db import transaction
from django.utils import timezone

from organisation import demo as organisation_demo
from organisation.models import Pokja, Unit, User
from placement.catalogue import ensure_asn_standard, ensure_technical
from placement.models import Competency, CompetencyLevel, EmployeeProfile, PokjaRequirement, RequiredCompetency
from placement.services.instance import placeable_employees

# pokja code -> (min, max, [(competency, weight, critical)])
REQUIREMENTS = {
    "PAK": (4, 10, [("arsip", 3, True), ("pelayanan_publik", 1, False), ("integritas", 1, False)]),
    "PPA": (4, 10, [("pengembangan_aplikasi", 3, True), ("manajemen_data", 1, False), ("kerja_sama", 1, False)]),
    "PDK": (4, 10, [("manajemen_data", 3, True), ("pelayanan_publik", 1, False), ("komunikasi", 1, False)]),
    "PDI": (4, 10, [("statistik", 3, True), ("manajemen_data", 2, False), ("komunikasi", 1, False)]),
    "PJD": (4, 10, [("jaringan", 3, True), ("manajemen_data", 1, False)]),
    "PLT": (4, 10, [("administrasi_cat", 3, True), ("jaringan", 1, False), ("pelayanan_publik", 1, False)]),
    "PIA": (4, 10, [("pengembangan_aplikasi", 2, False), ("manajemen_data", 2, False), ("komunikasi", 1, False)]),
}

# position keyword -> (education, certification, {competency: level}, interests)
POSITIONS = {
    "Pranata Komputer": (
        "S1 Teknik Informatika",
        "Sertifikasi Pengembang Web",
        {"pengembangan_aplikasi": 3, "jaringan": 2, "manajemen_data": 2, "administrasi_cat": 2},
        ["PPA", "PIA"],
    ),
    "Analis Kepegawaian": (
        "S1 Administrasi Negara",
        "Diklat Analis Kepegawaian",
        {"manajemen_data": 3, "pelayanan_publik": 3, "komunikasi": 3, "arsip": 1},
        ["PDK"],
    ),
    "Statistisi": ("S1 Statistika", "Sertifikasi Statistisi", {"statistik": 4, "manajemen_data": 3}, ["PDI"]),
    "Arsiparis": ("D3 Kearsipan", "Sertifikasi Arsiparis", {"arsip": 3, "manajemen_data": 1}, ["PAK"]),
    "Pengelola Arsip": ("D3 Kearsipan", "", {"arsip": 3, "pelayanan_publik": 2}, ["PAK"]),
    "Pengolah Data": ("D3 Manajemen Informatika", "", {"manajemen_data": 3, "statistik": 2}, ["PDK", "PDI"]),
    "Pengelola Sistem Informasi": (
        "D3 Teknik Komputer",
        "CCNA",
        {"pengembangan_aplikasi": 2, "jaringan": 3, "administrasi_cat": 2},
        ["PJD"],
    ),
    "Pengadministrasi": ("SMA", "", {"administrasi_cat": 3, "pelayanan_publik": 3, "arsip": 2}, ["PLT"]),
    "Teknisi Jaringan": (
        "D3 Teknik Elektro",
        "CCNA",
        {"jaringan": 3, "administrasi_cat": 3, "manajemen_data": 1},
        ["PJD", "PLT"],
    ),
}
MANAGERIAL = {"integritas": 3, "kerja_sama": 2, "komunikasi": 2, "orientasi_hasil": 2, "pelayanan_publik": 2}
DEVELOPMENT = [
    "Pelatihan kepemimpinan tim (calon ketua pokja)",
    "Analisis data dan visualisasi",
    "Keamanan jaringan",
    "Manajemen arsip elektronik",
    "",
]


def levels_for(index: int, position: str) -> tuple[str, str, dict[str, int], list[str]]:
    keyword = next((k for k in POSITIONS if position.startswith(k)), "Pengadministrasi")
    education, certification, technical, interests = POSITIONS[keyword]
    levels = {**MANAGERIAL, **technical}
    main = next(iter(technical))
    if "Ahli Muda" in position:
        levels[main] = min(4, levels[main] + 1)
        levels["orientasi_hasil"] = levels["pengambilan_keputusan"] = 3
    if index % 3 == 0:
        levels["kerja_sama"] = 3
    if index % 4 == 1:
        second = list(technical)[-1]
        levels[second] = max(0, levels[second] - 1)
    return education, certification, levels, interests


@transaction.atomic
def load_placement_demo() -> tuple[Unit, int]:
    """Adds the demo unit's missing catalogue, profiles, levels and requirements; returns (unit, rows created)."""
    unit, _created = organisation_demo.load_demo()
    created = ensure_asn_standard(unit.agency) + ensure_technical(unit)
    competencies = {c.code: c for c in Competency.objects.filter(agency=unit.agency)}
    head_user = User.objects.filter(employee=unit.head).first() if unit.head_id else None
    pokja = {p.code: p for p in Pokja.objects.filter(unit=unit)}
    for code, (low, high, needs) in REQUIREMENTS.items():
        if code not in pokja:
            continue
        requirement, made = PokjaRequirement.objects.get_or_create(
            pokja=pokja[code], defaults={"min_members": low, "max_members": high}
        )
        created += made
        if made:
            RequiredCompetency.objects.bulk_create(
                RequiredCompetency(requirement=requirement, competency=competencies[c], weight=w, critical=critical)
                for c, w, critical in needs
            )
    now = timezone.now()
    for index, employee in enumerate(placeable_employees(unit)):
        education, certification, levels, interests = levels_for(index, employee.position)
        profile, made = EmployeeProfile.objects.get_or_create(
            employee=employee,
            defaults={
                "education": education,
                "certifications": certification,
                "development_needs": DEVELOPMENT[index % len(DEVELOPMENT)],
                "max_pokja": 3 if index % 6 == 5 else None,
            },
        )
        if not made:
            continue
        created += 1
        profile.interest_pokja.set([pokja[c] for c in interests if c in pokja])
        confirmed = index % 5 != 4  # a few levels wait for the head's confirmation
        CompetencyLevel.objects.bulk_create(
            CompetencyLevel(
                profile=profile,
                competency=competencies[code],
                level=level,
                confirmed_by=head_user if confirmed else None,
                confirmed_at=now if confirmed else None,
            )
            for code, level in levels.items()
        )
    return unit, created
