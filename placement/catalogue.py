"""The competency catalogue's seed: the ASN competency standard (PermenPANRB 38/2017) for every agency, and
the technical competencies a unit like Bidang Informasi Kepegawaian typically defines."""

from django.db import transaction
from django.db.models import Q

from organisation.models import Agency, Unit
from placement.models import Competency

Kind = Competency.Kind

ASN_STANDARD = [
    ("integritas", "Integritas", Kind.MANAGERIAL),
    ("kerja_sama", "Kerja Sama", Kind.MANAGERIAL),
    ("komunikasi", "Komunikasi", Kind.MANAGERIAL),
    ("orientasi_hasil", "Orientasi pada Hasil", Kind.MANAGERIAL),
    ("pelayanan_publik", "Pelayanan Publik", Kind.MANAGERIAL),
    ("pengembangan_diri", "Pengembangan Diri dan Orang Lain", Kind.MANAGERIAL),
    ("mengelola_perubahan", "Mengelola Perubahan", Kind.MANAGERIAL),
    ("pengambilan_keputusan", "Pengambilan Keputusan", Kind.MANAGERIAL),
    ("perekat_bangsa", "Perekat Bangsa", Kind.SOCIO_CULTURAL),
]

TECHNICAL = [
    ("arsip", "Pengelolaan Arsip"),
    ("manajemen_data", "Manajemen Data"),
    ("jaringan", "Jaringan Komputer"),
    ("pengembangan_aplikasi", "Pengembangan Aplikasi"),
    ("statistik", "Statistik"),
    ("administrasi_cat", "Administrasi CAT"),
]


@transaction.atomic
def ensure_asn_standard(agency: Agency) -> int:
    """Adds the ASN standard competencies an agency lacks; returns how many were added."""
    have = set(Competency.objects.filter(agency=agency).values_list("code", flat=True))
    missing = [
        Competency(agency=agency, code=code, name=name, kind=kind, order=order)
        for order, (code, name, kind) in enumerate(ASN_STANDARD, start=1)
        if code not in have
    ]
    Competency.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def ensure_technical(unit: Unit) -> int:
    """Adds the usual technical competencies to a unit (codes the agency already has are left alone)."""
    have = set(Competency.objects.filter(agency_id=unit.agency_id).values_list("code", flat=True))
    missing = [
        Competency(agency_id=unit.agency_id, unit=unit, code=code, name=name, kind=Kind.TECHNICAL, order=order)
        for order, (code, name) in enumerate(TECHNICAL, start=1)
        if code not in have
    ]
    Competency.objects.bulk_create(missing)
    return len(missing)


def catalogue_for(unit: Unit):
    """The competencies a unit's profiles and requirements use: the agency's standard and the unit's own."""
    return Competency.objects.filter(Q(agency_id=unit.agency_id, unit__isnull=True) | Q(unit=unit))
