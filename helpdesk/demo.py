"""Helpdesk demo data for the seed's unit: services per pokja, canned replies, and tickets with surveys."""

import datetime

from django.db import transaction
from django.utils import timezone

from helpdesk import services
from helpdesk.models import CannedReply, Category, Ticket, UnitHelpdesk
from organisation import demo
from organisation.models import Pokja, Unit, User

# (slug, name, pokja, first response h, resolution h, description)
CATEGORIES = [
    ("integrasi-siasn", "Integrasi SIASN", "PIA", 4, 16, "Asistensi integrasi Simpeg instansi dengan SIASN."),
    ("asistensi-ekinerja", "Asistensi eKinerja BKN", "PIA", 4, 24, "Pemanfaatan aplikasi eKinerja BKN."),
    ("permintaan-arsip", "Permintaan arsip", "PAK", 8, 24, "Salinan dan pemanfaatan arsip kepegawaian (Takah)."),
    ("pemutakhiran-data", "Pemutakhiran data kepegawaian", "PDK", 4, 24, "Peremajaan dan konsultasi data ASN."),
    ("data-statistik", "Permintaan data statistik", "PDI", 8, 40, "Data dan statistik kepegawaian."),
    ("fasilitasi-cat", "Fasilitasi CAT", "PLT", 8, 40, "Pemanfaatan CAT BKN untuk seleksi."),
]
CANNED = [
    ("PIA", "Token kedaluwarsa", "Silakan buat token baru pada menu Integrasi SIASN, lalu coba sinkronisasi lagi."),
    ("PIA", "Perlu tangkapan layar", "Mohon kirimkan tangkapan layar pesan galat beserta NIP yang bermasalah."),
    (
        "PAK",
        "Arsip sedang dicari",
        "Permintaan arsip Anda sedang kami cari di ruang arsip; kami kabari paling lambat 3 hari kerja.",
    ),
]
# (category slug, subject, requester, agency, days ago, outcome, survey scores)
TICKETS = [
    (
        "integrasi-siasn",
        "Sinkronisasi riwayat jabatan gagal",
        "Made Suarta",
        "Pemkab Badung",
        40,
        "closed",
        [4, 4, 3, 4, 4, 4, 4, 3, 4],
    ),
    (
        "integrasi-siasn",
        "Token API ditolak",
        "Ni Kadek Ayu",
        "Pemkab Gianyar",
        33,
        "closed",
        [3, 3, 3, 4, 3, 4, 4, 3, 3],
    ),
    (
        "permintaan-arsip",
        "Salinan SK CPNS",
        "I Gusti Ngurah",
        "Pemkot Denpasar",
        27,
        "resolved",
        [4, 3, 3, 4, 4, 4, 4, 4, 3],
    ),
    (
        "pemutakhiran-data",
        "Perbaikan tanggal lahir",
        "Putu Wirawan",
        "Pemkab Tabanan",
        20,
        "resolved",
        [3, 3, 2, 4, 3, 3, 4, 3, 3],
    ),
    (
        "asistensi-ekinerja",
        "Akun eKinerja terkunci",
        "Komang Sari",
        "Pemprov Bali",
        12,
        "closed",
        [4, 4, 4, 4, 4, 4, 4, 4, 4],
    ),
    ("integrasi-siasn", "Data pendidikan tidak muncul", "Wayan Sudarma", "Pemkab Buleleng", 5, "working", None),
    ("permintaan-arsip", "Peminjaman berkas Takah", "Nyoman Asih", "Pemkab Klungkung", 2, "waiting", None),
    ("data-statistik", "Rekap ASN per golongan", "Gede Arta", "Pemkab Karangasem", 0, "new", None),
]


def _actor(unit: Unit) -> User:
    return User.objects.get(username="kepala", agency=unit.agency)


@transaction.atomic
def load_helpdesk_demo() -> tuple[Unit, bool]:
    """Adds the demo unit's helpdesk once (the unit is loaded first if needed); returns (unit, created)."""
    unit, _created = demo.load_demo()
    if Category.objects.filter(unit=unit).exists():
        return unit, False
    pokja = {p.code: p for p in Pokja.objects.filter(unit=unit)}
    UnitHelpdesk.objects.get_or_create(
        unit=unit,
        defaults={
            "agency_id": unit.agency_id,
            "introduction": "Layanan helpdesk Bidang Informasi Kepegawaian untuk instansi di wilayah kerja Kanreg X.",
        },
    )
    categories = {}
    for order, (slug, name, code, first, resolution, description) in enumerate(CATEGORIES, start=1):
        categories[slug] = Category.objects.create(
            unit=unit,
            pokja=pokja[code],
            slug=slug,
            name=name,
            description=description,
            first_response_hours=first,
            resolution_hours=resolution,
            order=order,
        )
    for code, title, body in CANNED:
        CannedReply.objects.create(pokja=pokja[code], title=title, body=body)

    actor, now = _actor(unit), timezone.now()
    for slug, subject, name, agency, days_ago, outcome, scores in TICKETS:
        created = now - datetime.timedelta(days=days_ago, hours=2)
        ticket = services.create_ticket(
            category=categories[slug],
            subject=subject,
            description=f"{subject}. Mohon bantuan.",
            requester_name=name,
            requester_agency=agency,
            requester_email=name.lower().replace(" ", ".") + "@instansi.demo.orbit.test",
            now=created,
        )
        if outcome == "new":
            continue
        services.reply(actor=actor, ticket=ticket, body="Terima kasih, permintaan Anda sedang kami proses.")
        if outcome == "waiting":
            services.change_status(actor=actor, ticket=ticket, status=Ticket.Status.MENUNGGU)
        if outcome in ("resolved", "closed"):
            services.change_status(actor=actor, ticket=ticket, status=Ticket.Status.SELESAI)
        if outcome == "closed":
            services.change_status(actor=actor, ticket=ticket, status=Ticket.Status.DITUTUP)
        if scores:
            services.submit_survey(ticket=ticket, scores=scores, comment="")
    return unit, True
